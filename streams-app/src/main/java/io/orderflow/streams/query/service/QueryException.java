package io.orderflow.streams.query.service;

import io.orderflow.api.Problem;
import java.time.Duration;
import java.util.List;

/** What a query cannot answer, thrown from handlers and services and mapped to one error shape centrally. */
public abstract sealed class QueryException extends RuntimeException {

    private final transient List<Problem> problems;

    protected QueryException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** 400: a parameter is wrong. */
    public static final class Invalid extends QueryException {
        public Invalid(String field, String reason) {
            super("the request is invalid", List.of(new Problem(field, reason)));
        }
    }

    /** 401. */
    public static final class Unauthenticated extends QueryException {
        public Unauthenticated(String message) {
            super(message, List.of());
        }
    }

    /** 403. */
    public static final class Forbidden extends QueryException {
        public Forbidden(String message) {
            super(message, List.of());
        }
    }

    /** 404. */
    public static final class NotFound extends QueryException {
        public NotFound(String message) {
            super(message, List.of());
        }
    }

    /** 503 with Retry-After: state moving, restoring, or a write not processed in time. */
    public static final class Unavailable extends QueryException {
        private final Duration retryAfter;

        public Unavailable(String message, Duration retryAfter) {
            super(message, List.of());
            this.retryAfter = retryAfter;
        }

        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
