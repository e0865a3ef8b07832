package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Stamped(String id, Instant at, LocalDate day) {
    }

    private static final Stamped STAMPED =
            new Stamped("o-1", Instant.parse("2026-03-01T08:15:30Z"), LocalDate.of(2026, 3, 1));

    @Test
    void shouldWriteRecordsAsTheyAreWithDatesAsIsoText() throws Exception {
        assertThat(Json.mapper().writeValueAsString(STAMPED))
                .isEqualTo("{\"id\":\"o-1\",\"at\":\"2026-03-01T08:15:30Z\",\"day\":\"2026-03-01\"}");
    }

    @Test
    void shouldWriteTheSameBytesStrictOrTolerant() throws Exception {
        assertThat(Json.tolerant().writeValueAsBytes(STAMPED)).isEqualTo(Json.mapper().writeValueAsBytes(STAMPED));
    }

    @Test
    void shouldRefuseAnUnknownFieldUnlessTolerant() throws Exception {
        String newer = "{\"id\":\"o-1\",\"at\":\"2026-03-01T08:15:30Z\",\"day\":\"2026-03-01\",\"added\":1}";

        assertThrows(UnrecognizedPropertyException.class, () -> Json.mapper().readValue(newer, Stamped.class));
        assertThat(Json.tolerant().readValue(newer, Stamped.class)).isEqualTo(STAMPED);
    }

    @Test
    void shouldGiveEachCallerItsOwnMapper() {
        assertThat(Json.mapper()).isNotSameAs(Json.mapper());
    }
}
