package io.orderflow.streams.alerts;

import io.orderflow.avro.AlertType;

/**
 * Key of the due index: {@code <due epoch millis, 15 digits zero-padded>|<order id>|<alert type>}. Its
 * byte order is the order of due times, so "everything due by now" is one range scan from the
 * first key that touches only the due entries.
 */
record DueKey(long dueAt, String orderId, AlertType type) {

    private static final String FORMAT = "%015d";
    /** Lower than every key. */
    static final String FIRST = String.format(FORMAT, 0L);

    String encode() {
        return String.format(FORMAT, Math.max(0L, dueAt)) + "|" + orderId + "|" + type.name();
    }

    /** Greater than every key due at or before {@code time} and lower than every key due later ('}' follows '|'). */
    static String lastDueBy(long time) {
        return String.format(FORMAT, Math.max(0L, time)) + "}";
    }

    static DueKey decode(String key) {
        int first = key.indexOf('|');
        int last = key.lastIndexOf('|');
        return new DueKey(
                Long.parseLong(key.substring(0, first)),
                key.substring(first + 1, last),
                AlertType.valueOf(key.substring(last + 1)));
    }
}
