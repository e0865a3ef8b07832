package io.orderflow.streams.query.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway at a configured address ({@code QUERY_GATEWAY_URL}), over HTTP. Only the headers a command needs
 * go there ({@link #FORWARDED}) and only those a client needs of the answer come back ({@link #RETURNED}); the
 * address is fixed, only the path of a command is the caller's, and the controller admits gateway order routes only.
 */
public final class HttpGateway implements Gateway {

    static final List<String> FORWARDED = List.of("Authorization", "Content-Type", "Idempotency-Key", "Accept-Language");
    static final List<String> RETURNED = List.of("Content-Type", "Location", "X-Orderflow-Consistency", "Retry-After",
            "Idempotent-Replayed");

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public HttpGateway(URI base, Duration connectTimeout, Duration timeout) {
        String address = base.toString();
        this.base = URI.create(address.endsWith("/") ? address.substring(0, address.length() - 1) : address);
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
    }

    /** The gateway {@code QUERY_GATEWAY_URL} names, or {@link Gateway#NONE} when it is not set. */
    public static Gateway from(Map<String, String> settings) {
        String url = settings.get("QUERY_GATEWAY_URL");
        if (url == null || url.isBlank()) {
            return NONE;
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("QUERY_GATEWAY_URL is not an address");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("QUERY_GATEWAY_URL must be an http(s) address");
        }
        return new HttpGateway(uri, Duration.ofSeconds(2), Duration.ofSeconds(15));
    }

    @Override
    public CompletableFuture<Answer> send(Command command) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + command.path())).timeout(timeout)
                .method(command.method(), HttpRequest.BodyPublishers.ofByteArray(command.body()));
        command.headers().forEach((name, value) -> {
            if (FORWARDED.stream().anyMatch(name::equalsIgnoreCase)) {
                request.header(name, value);
            }
        });
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw Gateway.unreachable();
                    }
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (String name : RETURNED) {
                        response.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
                    }
                    return new Answer(response.statusCode(), response.body(), headers);
                });
    }
}
