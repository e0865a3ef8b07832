package io.orderflow.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema registry answered with an error, or could not be reached. Carries the HTTP status
 * and the registry's own error code (e.g. 40403 "schema not found") when there was an answer.
 */
public class SchemaRegistryException extends SerializationException {

    /** Confluent's error code for an unknown subject. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent's error code for an unknown schema (or schema id). */
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    /** The HTTP status, or -1 when the registry could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's error code, or -1 when it gave none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry said it does not know the subject, schema or id. */
    public boolean isNotFound() {
        return httpStatus == 404 || errorCode == SUBJECT_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND;
    }

    /**
     * True when asking again later may well succeed: the registry could not be reached, timed
     * out, was overloaded or failed inside (5xx). A consumer must then retry, not skip the record.
     */
    public boolean isTransient() {
        return httpStatus == -1 || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
    }

    /** Whether {@code failure} or one of its causes is a {@linkplain #isTransient() transient} registry failure. */
    public static boolean transientIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException registry && registry.isTransient()) {
                return true;
            }
        }
        return false;
    }
}
