package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

    @Test
    void shouldReadAFlagAsTrueFalseYesNoOneOrZeroAndNameTheVariableOfAnythingElse() {
        for (String yes : List.of("true", "TRUE", " yes ", "Yes", "1")) {
            assertThat(Settings.flag(Map.of("F", yes), "F", false)).as(yes).isTrue();
        }
        for (String no : List.of("false", "False", "no", "NO", "0")) {
            assertThat(Settings.flag(Map.of("F", no), "F", true)).as(no).isFalse();
        }
        assertThat(Settings.flag(Map.of(), "F", true)).isTrue();
        assertThat(Settings.flag(Map.of("F", " "), "F", false)).isFalse();
        for (String other : List.of("on", "2", "flase", "y")) {
            assertThatThrownBy(() -> Settings.flag(Map.of("F", other), "F", false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("F must be true or false (yes or no, 1 or 0), not '" + other + "'");
        }
    }
}
