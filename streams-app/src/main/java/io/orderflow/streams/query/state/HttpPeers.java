package io.orderflow.streams.query.state;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link Peers} on {@code java.net.http}: short connect timeout, bounded request timeout, the
 * deployment's {@link PeerSecret} on every call. A call
 * that may wait for a write or a status on the peer ({@code after=}, {@code waitFor=} or the
 * consistency header) gets the longest wait a caller may ask for on top, so that a peer that is
 * busy waiting as asked is not taken for one that cannot be reached.
 */
public final class HttpPeers implements Peers {

    private static final List<String> RELAYED = List.of("content-type", "content-disposition", "retry-after",
            STANDBY_LAG.toLowerCase(java.util.Locale.ROOT));

    /** The longest wait a caller may ask for ({@code timeout=}, at most 30 s). */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final Duration timeout;
    private final PeerSecret secret;

    /** Every call carries {@code secret}: the peer honours the peer protocol's headers only with it. */
    public HttpPeers(Duration connectTimeout, Duration timeout, PeerSecret secret) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.secret = secret;
    }

    @Override
    public CompletableFuture<Answer> get(HostInfo host, String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(waits(pathAndQuery, headers) ? timeout.plus(LONGEST_WAIT) : timeout)
                .GET();
        headers.forEach(request::header);
        request.header(PeerSecret.HEADER, secret.value());
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> {
                    Map<String, String> relayed = new HashMap<>();
                    for (String name : RELAYED) {
                        response.headers().firstValue(name).ifPresent(value -> relayed.put(name, value));
                    }
                    return new Answer(response.statusCode(), relayed, response.body());
                });
    }

    static boolean waits(String pathAndQuery, Map<String, String> headers) {
        int query = pathAndQuery.indexOf('?');
        if (query >= 0) {
            for (String parameter : pathAndQuery.substring(query + 1).split("&")) {
                if (parameter.startsWith("after=") || parameter.startsWith("waitFor=")) {
                    return true;
                }
            }
        }
        return headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("X-Orderflow-Consistency"));
    }
}
