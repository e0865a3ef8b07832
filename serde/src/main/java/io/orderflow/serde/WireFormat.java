package io.orderflow.serde;

/**
 * Confluent's wire format: one magic byte 0, the schema id as a 4-byte big-endian int,
 * then the Avro binary encoding of the datum. Subjects are named after the topic.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The subject of a topic's keys or values: {@code <topic>-key} or {@code <topic>-value}. */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
