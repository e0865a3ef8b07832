package io.orderflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

    @Test
    void shouldDefaultToTheLocalMode() {
        DemoConfig config = DemoConfig.from(Map.of(), 1234L);

        assertThat(config.gatewayUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(config.queryApiUrl()).isEqualTo(URI.create("http://localhost:7070"));
        assertThat(config.ordersPerMinute()).isEqualTo(30);
        assertThat(config.placementInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.seed()).isEqualTo(1234L);
        assertThat(config.seedGiven()).isFalse();
        assertThat(config.maxOrders()).isEmpty();
        assertThat(config.stepPause()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.readyTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void shouldReadEverySetting() {
        DemoConfig config = DemoConfig.from(Map.of(
                "GATEWAY_URL", "http://gw:9090/",
                "QUERY_API_URL", "https://query:7443",
                "DEMO_ORDERS_PER_MINUTE", "120",
                "DEMO_SEED", "-42",
                "DEMO_MAX_ORDERS", "10",
                "DEMO_STEP_SECONDS", "0.5",
                "DEMO_READY_TIMEOUT_SECONDS", "5",
                "GATEWAY_TIME_ZONE", "Europe/Berlin"), 1L);

        assertThat(config.gatewayUrl()).isEqualTo(URI.create("http://gw:9090"));
        assertThat(config.queryApiUrl()).isEqualTo(URI.create("https://query:7443"));
        assertThat(config.placementInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.seed()).isEqualTo(-42L);
        assertThat(config.seedGiven()).isTrue();
        assertThat(config.maxOrders()).hasValue(10);
        assertThat(config.stepPause()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.readyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void shouldNameTheSettingThatIsWrong() {
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> DemoConfig.from(Map.of("DEMO_ORDERS_PER_MINUTE", "0"), 1L))).hasMessageContaining("DEMO_ORDERS_PER_MINUTE");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> DemoConfig.from(Map.of("DEMO_SEED", "abc"), 1L))).hasMessageContaining("DEMO_SEED");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> DemoConfig.from(Map.of("GATEWAY_URL", "localhost:8080"), 1L))).hasMessageContaining("GATEWAY_URL");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> DemoConfig.from(Map.of("DEMO_TIME_ZONE", "Mars/Olympus"), 1L))).hasMessageContaining("DEMO_TIME_ZONE");
    }

    @Test
    void shouldTakeABlankSettingAsUnset() {
        Map<String, String> blank = Map.of("GATEWAY_URL", " ", "QUERY_API_URL", "", "DEMO_ORDERS_PER_MINUTE", " ",
                "DEMO_SEED", "", "DEMO_MAX_ORDERS", " ", "DEMO_STEP_SECONDS", "", "DEMO_READY_TIMEOUT_SECONDS", " ",
                "DEMO_TIME_ZONE", " ", "GATEWAY_TIME_ZONE", "Europe/Berlin");

        assertThat(DemoConfig.from(blank, 1234L)).isEqualTo(new DemoConfig(URI.create("http://localhost:8080"),
                URI.create("http://localhost:7070"), 30, 1234L, false, OptionalInt.empty(),
                Duration.ofSeconds(4), Duration.ofSeconds(120), ZoneId.of("Europe/Berlin")));
    }

    @Test
    void shouldNameTheVariableAndTheValueOfOneThatIsNotANumber() {
        Map<String, String> notNumbers = Map.of(
                "DEMO_ORDERS_PER_MINUTE", "lots",
                "DEMO_SEED", "0x2a",
                "DEMO_MAX_ORDERS", "ten",
                "DEMO_STEP_SECONDS", "4s",
                "DEMO_READY_TIMEOUT_SECONDS", "2m");
        notNumbers.forEach((name, value) -> assertThatThrownBy(() -> DemoConfig.from(Map.of(name, value), 1L))
                .as(name).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(name + " must be a").hasMessageEndingWith("not '" + value + "'"));
    }

    @Test
    void shouldNameTheVariableAndTheValueOfOneOutOfRange() {
        Map<String, String> outOfRange = Map.of(
                "DEMO_ORDERS_PER_MINUTE", "6001",
                "DEMO_MAX_ORDERS", "-1",
                "DEMO_STEP_SECONDS", "0.01",
                "DEMO_READY_TIMEOUT_SECONDS", "0");
        outOfRange.forEach((name, value) -> assertThatThrownBy(() -> DemoConfig.from(Map.of(name, value), 1L))
                .as(name).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(name + " must be between ").hasMessageEndingWith("not '" + value + "'"));
        assertThatThrownBy(() -> DemoConfig.from(Map.of("GATEWAY_TIME_ZONE", "Mars/Olympus"), 1L))
                .hasMessage("GATEWAY_TIME_ZONE must be a time zone id such as Asia/Shanghai, not 'Mars/Olympus'");
        assertThatThrownBy(() -> DemoConfig.from(Map.of("QUERY_API_URL", "ftp://query"), 1L))
                .hasMessage("QUERY_API_URL must be an http(s) URL such as http://localhost:7070, not 'ftp://query'");
    }
}
