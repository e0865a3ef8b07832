package io.orderflow.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.avro.OrderStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert settings are read by the one settings parser: blank is unset, and a bad value names its variable. */
class AlertSettingsTest {

    @Test
    void shouldTakeABlankSettingAsUnset() {
        AlertSettings alerts = AlertSettings.fromEnv(Map.of("ALERTS_MAX_PER_PUNCTUATION", " ",
                "ALERTS_PUNCTUATION_INTERVAL", "", "ANALYTICS_TIME_ZONE", " ", "ALERTS_STALLED_APPROVED", " "));

        assertThat(alerts.maxAlertsPerPunctuation()).isEqualTo(10_000);
        assertThat(alerts.punctuationInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(alerts.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(alerts.stalledAfter()).containsEntry(OrderStatus.APPROVED, Duration.ofHours(48));
        assertThat(alerts.stalledOnHold()).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void shouldReadEverySettingAndSwitchAStallOff() {
        AlertSettings alerts = AlertSettings.fromEnv(Map.of("ALERTS_MAX_PER_PUNCTUATION", "500",
                "ALERTS_PUNCTUATION_INTERVAL", "PT1S", "ANALYTICS_TIME_ZONE", "Europe/Berlin",
                "ALERTS_STALLED_APPROVED", "off", "ALERTS_STALLED_PENDING_REVIEW", "PT2H",
                "ALERTS_STALLED_ON_HOLD", "PT120H"));

        assertThat(alerts.maxAlertsPerPunctuation()).isEqualTo(500);
        assertThat(alerts.punctuationInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(alerts.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(alerts.stalledAfter()).doesNotContainKey(OrderStatus.APPROVED)
                .containsEntry(OrderStatus.PENDING_REVIEW, Duration.ofHours(2));
        assertThat(alerts.stalledOnHold()).isEqualTo(Duration.ofHours(120));
        assertThat(AlertSettings.fromEnv(Map.of("ALERTS_STALLED_ON_HOLD", "OFF")).stalledOnHold()).isNull();
    }

    @Test
    void shouldNameTheVariableAndTheValueOfEveryBadOne() {
        Map<String, String> bad = Map.of(
                "ALERTS_MAX_PER_PUNCTUATION", "lots",
                "ALERTS_PUNCTUATION_INTERVAL", "10s",
                "ANALYTICS_TIME_ZONE", "Mars/Olympus",
                "ALERTS_STALLED_PENDING_REVIEW", "-PT1H",
                "ALERTS_STALLED_IN_TRANSIT", "3 days");
        bad.forEach((name, value) -> assertThatThrownBy(() -> AlertSettings.fromEnv(Map.of(name, value)))
                .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(name + " must")
                .hasMessageContaining("'" + value + "'"));
    }

    @Test
    void shouldRefuseAValueOutOfRangeNamingTheVariable() {
        assertThatThrownBy(() -> AlertSettings.fromEnv(Map.of("ALERTS_MAX_PER_PUNCTUATION", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ALERTS_MAX_PER_PUNCTUATION must be at least 1, not '0'");
        assertThatThrownBy(() -> AlertSettings.fromEnv(Map.of("ALERTS_MAX_PER_PUNCTUATION", "3000000000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ALERTS_MAX_PER_PUNCTUATION must be at most 2147483647, not '3000000000'");
        assertThatThrownBy(() -> AlertSettings.fromEnv(Map.of("ALERTS_PUNCTUATION_INTERVAL", "PT0S")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ALERTS_PUNCTUATION_INTERVAL must be positive, not 'PT0S'");
    }
}
