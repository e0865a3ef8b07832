package io.orderflow.streams;

/**
 * A record without a value (a tombstone) on a topic where nothing can be deleted: an order's
 * command, a carrier's scan, a stock movement. Thrown where the record enters the topology, so
 * that the processing exception handler sends it, key as read, to the dead-letter topic with
 * this message in its {@code __streams.errors.*} headers instead of it vanishing unnoticed.
 */
public final class TombstoneException extends IllegalArgumentException {

    private TombstoneException(String message) {
        super(message);
    }

    /** {@code value} itself, or a {@code TombstoneException} naming {@code topic} and what a record there is. */
    public static <V> V unlessTombstone(V value, String topic, String what) {
        if (value == null) {
            throw new TombstoneException("a tombstone (null value) on " + topic + ": " + what
                    + " cannot be deleted, and a record without a value is none");
        }
        return value;
    }
}
