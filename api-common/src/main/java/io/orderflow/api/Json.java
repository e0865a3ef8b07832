package io.orderflow.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mappers of both apps, configured in one place so that an answer reads the same from either: records as
 * they are, dates and instants as ISO-8601 text. Any layer takes its mapper from here, not from the app class above
 * it.
 */
public final class Json {

    private Json() {
    }

    /** Records as they are, dates ISO-8601; a field nobody declared is an error when read. */
    public static ObjectMapper mapper() {
        return builder().build();
    }

    /**
     * As {@link #mapper()}, writing the same bytes, but a field it does not know is skipped when read: what one
     * instance reads from another that may already be a newer version.
     */
    public static ObjectMapper tolerant() {
        return builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /** The shared settings, for a mapper that needs one more of its own. */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
