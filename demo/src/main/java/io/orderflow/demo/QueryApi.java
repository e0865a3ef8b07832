package io.orderflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The order's status as the streams app sees it: {@code GET <QUERY_API_URL>/v1/orders/{id}}. Empty when it cannot
 * tell (404, 503, no query API yet, an answer without a status): the generator then proceeds optimistically.
 * After a connection failure it does not ask again for a while, so a missing query API costs nothing.
 */
public final class QueryApi {

    static final Duration BACK_OFF = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final Clock clock;
    private volatile Instant quietUntil = Instant.MIN;

    public QueryApi(HttpClient http, URI base, String apiKey, Duration timeout, Clock clock) {
        this.http = http;
        this.base = base;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.clock = clock;
    }

    public URI base() {
        return base;
    }

    public Optional<String> status(String orderId) {
        if (clock.instant().isBefore(quietUntil)) {
            return Optional.empty();
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/orders/" + orderId))
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return statusIn(GatewayClient.parse(response.body()));
        } catch (IOException e) {
            quietUntil = clock.instant().plus(BACK_OFF);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code status} at the top, or in an {@code order} object (the query API's shape is not fixed yet). */
    static Optional<String> statusIn(JsonNode body) {
        for (JsonNode node : new JsonNode[] {body.path("status"), body.path("order").path("status")}) {
            if (node.isTextual() && !node.asText().isBlank()) {
                return Optional.of(node.asText());
            }
        }
        return Optional.empty();
    }
}
