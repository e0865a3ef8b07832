package io.orderflow.streams.analytics;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the store values that were written as JSON before the analytics' stores were Avro (see
 * {@link AnalyticsSerdes}), so that stores and changelogs of an earlier release still restore. The
 * mapper is configured as the one that wrote them: fields, not getters; fields no longer known (a
 * ledger's {@code placed} and {@code delivered}) ignored; numbers with a fraction as {@link java.math.BigDecimal}.
 */
final class OldJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private OldJson() {
    }

    /** A reader of {@code type} as JSON; bytes that are no JSON object fail as neither format. */
    static <T> Deserializer<T> reader(Class<T> type) {
        return (topic, bytes) -> {
            if (bytes.length == 0 || bytes[0] != '{') {
                throw new SerializationException("not a " + type.getSimpleName() + " in " + topic + ": neither Avro"
                        + " nor JSON, first byte " + (bytes.length == 0 ? "none" : bytes[0]));
            }
            try {
                return MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from JSON", e);
            }
        };
    }
}
