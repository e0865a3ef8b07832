package io.orderflow.streams.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The analytics settings are read by the one settings parser: blank is unset, and a bad value names its variable. */
class AnalyticsSettingsTest {

    @Test
    void shouldTakeABlankSettingAsUnset() {
        AnalyticsSettings settings = AnalyticsSettings.fromEnv(Map.of("ANALYTICS_TIME_ZONE", " ", "ANALYTICS_GRACE", "",
                "ANALYTICS_RETENTION_MARGIN", " ", "ANALYTICS_VIP_MIN_ORDERS", " ", "ANALYTICS_VIP_MIN_REVENUE", "",
                "ANALYTICS_REGULAR_MIN_ORDERS", " "));

        assertThat(settings).isEqualTo(new AnalyticsSettings(ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(10),
                Duration.ofDays(1), 10, new BigDecimal("10000.00"), 2));
    }

    @Test
    void shouldNameTheVariableAndTheValueOfEveryBadOne() {
        Map<String, String> bad = Map.of(
                "ANALYTICS_TIME_ZONE", "Mars/Olympus",
                "ANALYTICS_GRACE", "ten minutes",
                "ANALYTICS_RETENTION_MARGIN", "-P1D",
                "ANALYTICS_VIP_MIN_REVENUE", "10k",
                "ANALYTICS_VIP_MIN_ORDERS", "ten",
                "ANALYTICS_REGULAR_MIN_ORDERS", "2.5");
        bad.forEach((name, value) -> assertThatThrownBy(() -> AnalyticsSettings.fromEnv(Map.of(name, value)))
                .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(name + " must")
                .hasMessageContaining("'" + value + "'"));
    }

    @Test
    void shouldRefuseANegativeThresholdNamingTheVariable() {
        for (String name : new String[] {"ANALYTICS_VIP_MIN_ORDERS", "ANALYTICS_VIP_MIN_REVENUE",
                "ANALYTICS_REGULAR_MIN_ORDERS"}) {
            assertThatThrownBy(() -> AnalyticsSettings.fromEnv(Map.of(name, "-1")))
                    .as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(name + " must be at least 0, not '-1'");
        }
    }
}
