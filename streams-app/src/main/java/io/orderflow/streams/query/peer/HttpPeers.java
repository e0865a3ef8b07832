package io.orderflow.streams.query.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.Json;
import io.orderflow.streams.query.http.Outcomes;
import io.orderflow.streams.query.service.Caller;
import io.orderflow.streams.query.service.PeerQuery;
import io.orderflow.streams.query.service.Peers;
import io.orderflow.streams.query.service.Waits;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.PeerSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link Peers} on {@code java.net.http}, the asking side of the peer protocol: a question is a {@code POST} of its
 * JSON to {@value PeerController#PATH} on the peer, with the caller's API key and the deployment's
 * {@link PeerSecret}. Short connect timeout, bounded request timeout; a question that may wait on the peer (for a
 * write, for a status) gets the longest wait a caller may ask for on top, so that a peer busy waiting as asked is not
 * taken for one that cannot be reached. The peer's status is its answer: 200 found (the kind's answer, a standby's
 * lag in {@value Outcomes#STANDBY_LAG}), 404 not found, 503 not ready (with its Retry-After and reason); any other
 * status fails the question, as a peer that does not answer does.
 */
public final class HttpPeers implements Peers {

    private final HttpClient client;
    private final Duration timeout;
    private final PeerSecret secret;
    private final ObjectMapper json = Json.tolerant();

    /** Every call carries {@code secret}: a peer answers no question without it. */
    public HttpPeers(Duration connectTimeout, Duration timeout, PeerSecret secret) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.secret = secret;
    }

    @Override
    public <A> CompletableFuture<Lookup<A>> ask(HostInfo host, PeerQuery<A> query, Caller caller) {
        byte[] body;
        try {
            body = json.writerFor(PeerQuery.class).writeValueAsBytes(query);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest.Builder call = HttpRequest.newBuilder(
                        URI.create("http://" + host.host() + ":" + host.port() + PeerController.PATH))
                .timeout(timeoutOf(query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (caller.apiKey() != null) {
            call.header("Authorization", "Bearer " + caller.apiKey());
        }
        secret.sign(call);
        return client.sendAsync(call.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> answer(host, query, response));
    }

    /** How long a question may take the peer. */
    Duration timeoutOf(PeerQuery<?> query) {
        return query.waits() ? timeout.plus(Waits.LONGEST) : timeout;
    }

    private <A> Lookup<A> answer(HostInfo host, PeerQuery<A> query, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 200) {
            try {
                A value = json.readValue(response.body(), query.answerType(json.getTypeFactory()));
                long lag = response.headers().firstValue(Outcomes.STANDBY_LAG).map(Long::parseLong).orElse(0L);
                return new Lookup.Found<>(value, lag);
            } catch (IOException e) {
                throw new UncheckedIOException("peer " + host + " sent an unreadable answer", e);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("peer " + host + " sent an unreadable lag", e);
            }
        }
        if (status == 404) {
            return new Lookup.NotFound<>();
        }
        if (status == 503) {
            Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(HttpPeers::seconds)
                    .orElse(Duration.ofSeconds(1));
            return new Lookup.NotReady<>(retryAfter, message(response).orElse("peer " + host + " cannot answer now"));
        }
        throw new Refused(host, status, message(response).orElse(""));
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The reason in a peer's error answer, if it is the error shape. */
    private Optional<String> message(HttpResponse<byte[]> response) {
        try {
            JsonNode error = json.readTree(response.body());
            return error != null && error.hasNonNull("message") ? Optional.of(error.get("message").asText())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A peer that answered with neither a value nor not found nor not ready: a question it refused or failed. */
    static final class Refused extends RuntimeException {
        Refused(HostInfo host, int status, String message) {
            super("peer " + host + " answered " + status + (message.isEmpty() ? "" : ": " + message));
        }
    }
}
