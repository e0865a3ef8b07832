package io.orderflow.gateway.service;

import io.orderflow.api.Problem;
import java.util.List;

/**
 * A request the gateway answers with an error. Services and request readers throw these; the HTTP layer maps
 * each kind to one status and the one error shape. Messages never carry personal data.
 */
public abstract sealed class GatewayException extends RuntimeException
        permits GatewayException.Invalid, GatewayException.Unauthenticated, GatewayException.Forbidden,
        GatewayException.Conflict, GatewayException.Unavailable, GatewayException.NotFound,
        GatewayException.TooLarge {

    private final transient List<Problem> problems;

    protected GatewayException(String message, List<Problem> problems, Throwable cause) {
        super(message, cause, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The request is malformed or breaks a rule that needs no state: 400. */
    public static final class Invalid extends GatewayException {
        public Invalid(String message, List<Problem> problems) {
            super(message, problems, null);
        }

        public Invalid(List<Problem> problems) {
            this("the request is invalid", problems);
        }
    }

    /** No or an unknown credential, or a wrong signature: 401. */
    public static final class Unauthenticated extends GatewayException {
        public Unauthenticated(String message) {
            super(message, List.of(), null);
        }
    }

    /** The request is over a limit (a file that unpacks to more than a reader holds): 413. */
    public static final class TooLarge extends GatewayException {
        public TooLarge(String message, List<Problem> problems) {
            super(message, problems, null);
        }
    }

    /** The caller's role may not do this: 403. */
    public static final class Forbidden extends GatewayException {
        public Forbidden(String message) {
            super(message, List.of(), null);
        }
    }

    /** The idempotency key or order id was used before for a different request: 409. */
    public static final class Conflict extends GatewayException {
        public Conflict(String message, List<Problem> problems) {
            super(message, problems, null);
        }
    }

    /** Nothing here under that name: 404. */
    public static final class NotFound extends GatewayException {
        public NotFound(String message) {
            super(message, List.of(), null);
        }
    }

    /** Kafka (or the schema registry) cannot take the write now; nothing was accepted: 503 with Retry-After. */
    public static final class Unavailable extends GatewayException {
        private final int retryAfterSeconds;

        public Unavailable(String message, int retryAfterSeconds, Throwable cause) {
            super(message, List.of(), cause);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
