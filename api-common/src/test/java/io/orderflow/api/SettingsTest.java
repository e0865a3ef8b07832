package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
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

    @Test
    void shouldKeepAWholeNumberWithinItsRangeAndNameTheVariableOfOneOutside() {
        assertThat(Settings.whole(Map.of("B", " "), "B", 256, 1, 1024)).isEqualTo(256);
        assertThat(Settings.whole(Map.of("B", "1024"), "B", 256, 1, 1024)).isEqualTo(1024);
        assertThatThrownBy(() -> Settings.whole(Map.of("B", "-1"), "B", 256, 0, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("B must be at least 0, not '-1'");
        assertThatThrownBy(() -> Settings.bounded(Map.of("N", "0"), "N", 5, 1, Integer.MAX_VALUE))
                .hasMessage("N must be at least 1, not '0'");
        assertThatThrownBy(() -> Settings.bounded(Map.of("N", "3000000000"), "N", 5, 1, Integer.MAX_VALUE))
                .hasMessage("N must be at most 2147483647, not '3000000000'");
    }

    @Test
    void shouldReadADecimalWithinItsRange() {
        BigDecimal min = new BigDecimal("0.05");
        BigDecimal max = new BigDecimal("3600");

        assertThat(Settings.decimal(Map.of(), "S", "4", min, max)).isEqualByComparingTo("4");
        assertThat(Settings.decimal(Map.of("S", "0.5"), "S", "4", min, max)).isEqualByComparingTo("0.5");
        assertThatThrownBy(() -> Settings.decimal(Map.of("S", "0.01"), "S", "4", min, max))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("S must be between 0.05 and 3600, not '0.01'");
        assertThatThrownBy(() -> Settings.decimal(Map.of("S", "4s"), "S", "4", min, max))
                .hasMessage("S must be a decimal number, not '4s'");
        assertThatThrownBy(() -> Settings.decimal(Map.of("S", "-1"), "S", "4", BigDecimal.ZERO, null))
                .hasMessage("S must be at least 0, not '-1'");
    }

    @Test
    void shouldTakeOneOfTheChoicesInAnyCaseAndNameThemOtherwise() {
        List<String> choices = List.of("none", "lz4", "zstd");

        assertThat(Settings.oneOf(Map.of(), "C", "none", choices)).isEqualTo("none");
        assertThat(Settings.oneOf(Map.of("C", " LZ4 "), "C", "none", choices)).isEqualTo("lz4");
        assertThatThrownBy(() -> Settings.oneOf(Map.of("C", "brotli"), "C", "none", choices))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("C must be one of none, lz4, zstd, not 'brotli'");
    }

    @Test
    void shouldReadAnHttpUrlWithoutItsTrailingSlash() {
        assertThat(Settings.httpUrl(Map.of(), "U", "http://localhost:8080")).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(Settings.httpUrl(Map.of("U", "https://gw:9443/"), "U", "http://localhost:8080"))
                .isEqualTo(URI.create("https://gw:9443"));
        for (String bad : List.of("localhost:8080", "ftp://gw", "http://", "http://gw:80 80")) {
            assertThatThrownBy(() -> Settings.httpUrl(Map.of("U", bad), "U", "http://localhost:8080")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("U must be an http(s) URL such as http://localhost:8080, not '" + bad + "'");
        }
    }

    @Test
    void shouldReadAKafkaConfigurationsValuesAsTheyWereGiven() {
        Map<String, Object> configs = Map.of("cache.bytes", 1_048_576L, "blank", " ");

        assertThat(Settings.whole(configs, "cache.bytes", 0)).isEqualTo(1_048_576L);
        assertThat(Settings.isSet(configs, "blank")).isFalse();
        assertThat(Settings.isSet(configs, "cache.bytes")).isTrue();
    }
}
