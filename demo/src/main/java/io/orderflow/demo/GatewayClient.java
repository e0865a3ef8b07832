package io.orderflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway over plain HTTP ({@link HttpClient}): sends a {@link Call} and reads the {@link Answer}. Never
 * throws for an error answer or a connection problem; the caller decides what to do with them.
 */
public final class GatewayClient {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    public GatewayClient(HttpClient http, URI base, Duration timeout) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
    }

    /** The JSON bytes of a request body record (dates ISO-8601, nulls left out where the record says so). */
    public static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a request body record did not serialize", e);
        }
    }

    static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    public URI base() {
        return base;
    }

    public Answer send(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(call.path()))
                .timeout(timeout)
                .header("Authorization", "Bearer " + call.apiKey())
                .header("Accept", "application/json");
        if (call.idempotencyKey() != null) {
            request.header("Idempotency-Key", call.idempotencyKey());
        }
        call.headers().forEach(request::header);
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        HttpRequest.BodyPublisher body = call.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body());
        return exchange(request.method(call.method(), body).build());
    }

    /** {@code GET /health/ready} answered 200. */
    public boolean ready() {
        return exchange(HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(timeout).GET().build())
                .status() == 200;
    }

    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(GatewayClient::seconds);
            return new Answer(response.statusCode(), parse(response.body()), retryAfter);
        } catch (IOException e) {
            return Answer.unreachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.unreachable();
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long s = Long.parseLong(value.strip());
            return s >= 0 && s <= 300 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
