package io.orderflow.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

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

    /**
     * How many bytes {@code record} takes in this format, exactly as {@link AvroSerializer} writes it, counted
     * without keeping the bytes and without asking a registry: to see whether a record will fit a size limit
     * before anything is written.
     */
    public static int encodedSize(SpecificRecord record) {
        ByteCounter counter = new ByteCounter();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(counter, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForClass(record.getClass()))
                    .write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HEADER_SIZE + Math.toIntExact(counter.count);
    }

    /**
     * An upper bound of {@link #encodedSize}, found without encoding: every string counted at three bytes a UTF-16
     * unit (UTF-8 never takes more), every number at its longest varint, decimals by their unscaled value's bits,
     * arrays and maps with room for their block counts, and room for a union's branch index beside every field. A
     * value of a type it does not know makes it give up ({@link Integer#MAX_VALUE}): the caller then encodes.
     */
    public static int encodedSizeBound(SpecificRecord record) {
        long bound = HEADER_SIZE + bound(record);
        return bound > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) bound;
    }

    /**
     * As {@link #encodedSizeBound(SpecificRecord)}, with the encoded size of field {@code field} given exactly
     * ({@code fieldBytes}, Avro body only): the bound of a record that embeds one already encoded.
     */
    public static int encodedSizeBound(SpecificRecord record, int field, int fieldBytes) {
        long bound = HEADER_SIZE + UNION_INDEX + fieldBytes;
        int fields = record.getSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            if (i != field) {
                bound += UNION_INDEX + bound(record.get(i));
            }
        }
        return bound > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) bound;
    }

    private static final int UNION_INDEX = 5;
    private static final int BLOCK_COUNTS = 2 * 10 + 1;

    private static long bound(Object value) {
        if (value == null || value instanceof Boolean) {
            return 1;
        }
        if (value instanceof CharSequence text) {
            return 5 + 3L * text.length();
        }
        if (value instanceof Integer || value instanceof java.time.LocalDate || value instanceof Enum<?>
                || value instanceof org.apache.avro.generic.GenericEnumSymbol<?>) {
            return 5;
        }
        if (value instanceof Long || value instanceof java.time.Instant || value instanceof java.time.LocalTime
                || value instanceof Double) {
            return 10;
        }
        if (value instanceof Float) {
            return 4;
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return 5 + decimal.unscaledValue().bitLength() / 8 + 1;
        }
        if (value instanceof java.nio.ByteBuffer bytes) {
            return 5 + bytes.remaining();
        }
        if (value instanceof byte[] bytes) {
            return 5 + bytes.length;
        }
        if (value instanceof org.apache.avro.generic.GenericFixed fixed) {
            return fixed.bytes().length;
        }
        if (value instanceof org.apache.avro.generic.IndexedRecord record) {
            long size = 0;
            int fields = record.getSchema().getFields().size();
            for (int i = 0; i < fields; i++) {
                size += UNION_INDEX + bound(record.get(i));
            }
            return size;
        }
        if (value instanceof java.util.Collection<?> items) {
            long size = BLOCK_COUNTS;
            for (Object item : items) {
                size += UNION_INDEX + bound(item);
            }
            return size;
        }
        if (value instanceof java.util.Map<?, ?> map) {
            long size = BLOCK_COUNTS;
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                size += bound(entry.getKey()) + UNION_INDEX + bound(entry.getValue());
            }
            return size;
        }
        return Integer.MAX_VALUE;
    }

    private static final class ByteCounter extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
