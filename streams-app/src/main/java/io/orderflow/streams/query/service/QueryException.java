package io.orderflow.streams.query.service;

import io.orderflow.api.ApiException;
import io.orderflow.api.Problem;
import java.time.Duration;
import java.util.List;

/**
 * What a query cannot answer, thrown from handlers and services and answered with its status in the one error shape
 * centrally ({@link io.orderflow.api.Errors}).
 */
public abstract sealed class QueryException extends ApiException {

    protected QueryException(int status, String message, List<Problem> problems, long retryAfterSeconds) {
        super(status, message, problems, null, retryAfterSeconds);
    }

    /** 400: a parameter is wrong. */
    public static final class Invalid extends QueryException {
        public Invalid(String field, String reason) {
            super(400, "the request is invalid", List.of(new Problem(field, reason)), 0);
        }
    }

    /** 401. */
    public static final class Unauthenticated extends QueryException {
        public Unauthenticated(String message) {
            super(401, message, List.of(), 0);
        }
    }

    /** 403. */
    public static final class Forbidden extends QueryException {
        public Forbidden(String message) {
            super(403, message, List.of(), 0);
        }
    }

    /** 404. */
    public static final class NotFound extends QueryException {
        public NotFound(String message) {
            super(404, message, List.of(), 0);
        }
    }

    /** 503 with Retry-After: state moving, restoring, or a write not processed in time. */
    public static final class Unavailable extends QueryException {
        public Unavailable(String message, Duration retryAfter) {
            super(503, message, List.of(), Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
    }
}
