package io.orderflow.api;

import java.util.List;

/**
 * A request an app answers with an error: the status it is answered with and the problems that explain it, written
 * in the one {@link ErrorResponse} shape by {@link Errors}. Each app's own kinds extend it, so one mapping serves
 * both; services throw them without knowing HTTP beyond the status. Messages never carry personal data.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final transient List<Problem> problems;
    private final long retryAfterSeconds;

    /** An error answered {@code status} with no problems and no Retry-After. */
    public ApiException(int status, String message) {
        this(status, message, List.of(), null, 0);
    }

    /**
     * An error answered {@code status}; {@code retryAfterSeconds} above zero is sent as Retry-After. No stack trace:
     * these are answers, not bugs, and are never logged as failures.
     */
    protected ApiException(int status, String message, List<Problem> problems, Throwable cause,
                           long retryAfterSeconds) {
        super(message, cause, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Seconds after which the same request may succeed; zero when there is no point in retrying it. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
