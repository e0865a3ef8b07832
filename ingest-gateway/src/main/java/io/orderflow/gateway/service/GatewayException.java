package io.orderflow.gateway.service;

import io.orderflow.api.ApiException;
import io.orderflow.api.Problem;
import java.util.List;

/**
 * A request the gateway answers with an error. Services and request readers throw these; the HTTP layer maps
 * answers each kind with its status in the one error shape ({@link io.orderflow.api.Errors}). Messages never carry
 * personal data.
 */
public abstract sealed class GatewayException extends ApiException
        permits GatewayException.Invalid, GatewayException.Unauthenticated, GatewayException.Forbidden,
        GatewayException.Conflict, GatewayException.Unavailable, GatewayException.NotFound,
        GatewayException.TooLarge {

    protected GatewayException(int status, String message, List<Problem> problems, Throwable cause,
                               int retryAfterSeconds) {
        super(status, message, problems, cause, retryAfterSeconds);
    }

    protected GatewayException(int status, String message, List<Problem> problems) {
        this(status, message, problems, null, 0);
    }

    /** The request is malformed or breaks a rule that needs no state: 400. */
    public static final class Invalid extends GatewayException {
        public Invalid(String message, List<Problem> problems) {
            super(400, message, problems);
        }

        public Invalid(List<Problem> problems) {
            this("the request is invalid", problems);
        }
    }

    /** No or an unknown credential, or a wrong signature: 401. */
    public static final class Unauthenticated extends GatewayException {
        public Unauthenticated(String message) {
            super(401, message, List.of());
        }
    }

    /** The request is over a limit (a file that unpacks to more than a reader holds): 413. */
    public static final class TooLarge extends GatewayException {
        public TooLarge(String message, List<Problem> problems) {
            super(413, message, problems);
        }
    }

    /** The caller's role may not do this: 403. */
    public static final class Forbidden extends GatewayException {
        public Forbidden(String message) {
            super(403, message, List.of());
        }
    }

    /** The idempotency key or order id was used before for a different request: 409. */
    public static final class Conflict extends GatewayException {
        public Conflict(String message, List<Problem> problems) {
            super(409, message, problems);
        }
    }

    /** Nothing here under that name: 404. */
    public static final class NotFound extends GatewayException {
        public NotFound(String message) {
            super(404, message, List.of());
        }
    }

    /** Kafka (or the schema registry) cannot take the write now; nothing was accepted: 503 with Retry-After. */
    public static final class Unavailable extends GatewayException {
        public Unavailable(String message, int retryAfterSeconds, Throwable cause) {
            super(503, message, List.of(), cause, retryAfterSeconds);
        }
    }
}
