package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.avro.OrderStatus;
import io.orderflow.streams.alerts.AlertSettings;
import io.orderflow.streams.analytics.AnalyticsSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert and analytics settings are read by the one settings parser: blank is unset, and a bad value names its variable. */
class SettingsErrorsTest {

    @Test
    void shouldTakeABlankSettingAsUnset() {
        AlertSettings alerts = AlertSettings.fromEnv(Map.of("ALERTS_MAX_PER_PUNCTUATION", " ",
                "ALERTS_PUNCTUATION_INTERVAL", "", "ALERTS_STALLED_APPROVED", " "));

        assertThat(alerts.maxAlertsPerPunctuation()).isEqualTo(AlertSettings.defaults().maxAlertsPerPunctuation());
        assertThat(alerts.punctuationInterval()).isEqualTo(AlertSettings.defaults().punctuationInterval());
        assertThat(alerts.stalledAfter()).containsEntry(OrderStatus.APPROVED, Duration.ofHours(48));
        assertThat(AnalyticsSettings.fromEnv(Map.of("ANALYTICS_TIME_ZONE", " ")).zone())
                .isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void shouldNameTheVariableOfEveryBadValue() {
        Map<String, String> alertErrors = Map.of(
                "ALERTS_MAX_PER_PUNCTUATION", "lots",
                "ALERTS_PUNCTUATION_INTERVAL", "10s",
                "ANALYTICS_TIME_ZONE", "Mars/Olympus",
                "ALERTS_STALLED_PENDING_REVIEW", "-PT1H");
        alertErrors.forEach((name, value) -> assertThatThrownBy(() -> AlertSettings.fromEnv(Map.of(name, value)))
                .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(name + " must")
                .hasMessageContaining("'" + value + "'"));
        Map<String, String> analyticsErrors = Map.of(
                "ANALYTICS_GRACE", "ten minutes",
                "ANALYTICS_VIP_MIN_REVENUE", "10k",
                "ANALYTICS_VIP_MIN_ORDERS", "ten");
        analyticsErrors.forEach((name, value) -> assertThatThrownBy(() -> AnalyticsSettings.fromEnv(Map.of(name, value)))
                .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(name + " must"));
    }
}
