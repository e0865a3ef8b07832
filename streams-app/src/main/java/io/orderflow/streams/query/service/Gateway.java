package io.orderflow.streams.query.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The ingest gateway, as the order desk's page reaches it through the query API that served it: one origin for
 * both APIs, no CORS. A command is passed on as it came (the caller's own key, body and idempotency key) and the
 * gateway's answer comes back as it was given (its 202 with the consistency token, or its error with every field's
 * problem): the gateway stays the only judge of a write.
 */
public interface Gateway {

    /** A command for the gateway: {@code path} is the gateway's own ({@code /v1/orders/{id}/approve}). */
    record Command(String method, String path, byte[] body, Map<String, String> headers) {
    }

    /** The gateway's answer, the headers a client needs of it included. */
    record Answer(int status, byte[] body, Map<String, String> headers) {
    }

    CompletableFuture<Answer> send(Command command);

    /** An instance told of no gateway: every command is a 404 that says what to set. */
    Gateway NONE = command -> CompletableFuture.failedFuture(
            new QueryException.NotFound("this instance relays no commands: QUERY_GATEWAY_URL is not set"));

    /** The answer while the gateway cannot be reached: a 503 to retry. */
    static QueryException unreachable() {
        return new QueryException.Unavailable("the gateway does not answer; try again", Duration.ofSeconds(2));
    }
}
