package io.orderflow.streams.analytics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The store format of {@link SalesFigures}: a format byte, orders and units as 8-byte longs, then the revenue's
 * unscaled value (scale 2) as two's-complement bytes. Every sale reads and writes a figure per dimension and
 * bucket, so this is the analytics' most frequent value: binary instead of the JSON the other store values use
 * (encoding it as JSON took a visible share of the stream thread). Values written as JSON before are still
 * read ({@code '{'} is never the format byte).
 */
final class SalesFiguresSerde {

    private static final byte FORMAT = 1;
    private static final Deserializer<SalesFigures> JSON = JsonSerde.of(SalesFigures.class).deserializer();

    private SalesFiguresSerde() {
    }

    static Serde<SalesFigures> serde() {
        Serializer<SalesFigures> serializer = (topic, figures) -> figures == null ? null : write(figures);
        Deserializer<SalesFigures> deserializer = (topic, bytes) -> bytes == null ? null : read(topic, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static byte[] write(SalesFigures figures) {
        byte[] revenue = figures.revenue().unscaledValue().toByteArray();
        return ByteBuffer.allocate(1 + 2 * Long.BYTES + revenue.length)
                .put(FORMAT).putLong(figures.orders()).putLong(figures.units()).put(revenue).array();
    }

    static SalesFigures read(String topic, byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return JSON.deserialize(topic, bytes);
        }
        if (bytes.length <= 1 + 2 * Long.BYTES || bytes[0] != FORMAT) {
            throw new SerializationException("not a sales figure: " + bytes.length + " bytes, format "
                    + (bytes.length == 0 ? "none" : bytes[0]));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        long orders = buffer.getLong();
        long units = buffer.getLong();
        byte[] revenue = new byte[buffer.remaining()];
        buffer.get(revenue);
        return new SalesFigures(orders, units, new BigDecimal(new BigInteger(revenue), 2));
    }
}
