package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void shouldTakeTheTrimmedValueOrTheFallbackWhenUnsetOrBlank() {
        assertThat(Settings.text(Map.of("A", " x "), "A", "f")).isEqualTo("x");
        assertThat(Settings.text(Map.of("A", "  "), "A", "f")).isEqualTo("f");
        assertThat(Settings.bounded(Map.of(), "N", 7, 1, 10)).isEqualTo(7);
        assertThat(Settings.bounded(Map.of("N", " 10 "), "N", 7, 1, 10)).isEqualTo(10);
        assertThat(Settings.whole(Map.of("B", "68719476736"), "B", 0)).isEqualTo(64L * 1024 * 1024 * 1024);
    }

    @Test
    void shouldNameTheVariableAndTheValueOfABadNumber() {
        assertThatThrownBy(() -> Settings.whole(Map.of("B", "64MiB"), "B", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("B must be a whole number, not '64MiB'");
        assertThatThrownBy(() -> Settings.integer(Map.of("N", "3000000000"), "N", 0))
                .hasMessage("N must be at most 2147483647, not '3000000000'");
        assertThatThrownBy(() -> Settings.bounded(Map.of("N", "0"), "N", 5, 1, 10))
                .hasMessage("N must be between 1 and 10, not '0'");
    }
}
