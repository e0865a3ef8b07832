package io.orderflow.streams.analytics;

import io.orderflow.api.Settings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * How sales and reports are computed.
 *
 * <ul>
 *   <li>{@code ANALYTICS_TIME_ZONE} (default {@code Asia/Shanghai}): calendar days and months.</li>
 *   <li>{@code ANALYTICS_GRACE} (ISO-8601, default {@code PT10M}): how long after a bucket closes a
 *       record is still added to it; later ones go to the late figures and the late-records topic.</li>
 *   <li>{@code ANALYTICS_RETENTION_MARGIN} (default {@code P1D}): extra retention of the rolling window
 *       stores beyond span + grace.</li>
 *   <li>{@code ANALYTICS_VIP_MIN_ORDERS} (default 10) or {@code ANALYTICS_VIP_MIN_REVENUE} (default
 *       10000.00) make a customer VIP; {@code ANALYTICS_REGULAR_MIN_ORDERS} (default 2) regular; else new.
 *       None of them may be negative.</li>
 * </ul>
 */
public record AnalyticsSettings(
        ZoneId zone,
        Duration grace,
        Duration retentionMargin,
        long vipMinOrders,
        BigDecimal vipMinRevenue,
        long regularMinOrders) {

    public static final String TIME_ZONE = "ANALYTICS_TIME_ZONE";
    public static final String GRACE = "ANALYTICS_GRACE";
    public static final String RETENTION_MARGIN = "ANALYTICS_RETENTION_MARGIN";
    public static final String VIP_MIN_ORDERS = "ANALYTICS_VIP_MIN_ORDERS";
    public static final String VIP_MIN_REVENUE = "ANALYTICS_VIP_MIN_REVENUE";
    public static final String REGULAR_MIN_ORDERS = "ANALYTICS_REGULAR_MIN_ORDERS";

    public AnalyticsSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(retentionMargin, "retentionMargin");
        Objects.requireNonNull(vipMinRevenue, "vipMinRevenue");
        if (grace.isNegative() || retentionMargin.isNegative()) {
            throw new IllegalArgumentException(GRACE + " and " + RETENTION_MARGIN + " must not be negative");
        }
    }

    public static AnalyticsSettings defaults() {
        return fromEnv(Map.of());
    }

    public static AnalyticsSettings fromEnv(Map<String, String> env) {
        return new AnalyticsSettings(
                Settings.zone(env, TIME_ZONE, "Asia/Shanghai"),
                Settings.duration(env, GRACE, Duration.ofMinutes(10)),
                Settings.duration(env, RETENTION_MARGIN, Duration.ofDays(1)),
                Settings.whole(env, VIP_MIN_ORDERS, 10, 0, Long.MAX_VALUE),
                Settings.decimal(env, VIP_MIN_REVENUE, "10000.00", BigDecimal.ZERO, null),
                Settings.whole(env, REGULAR_MIN_ORDERS, 2, 0, Long.MAX_VALUE));
    }

    public CustomerClass classify(long orders, BigDecimal revenue) {
        if (orders >= vipMinOrders || revenue.compareTo(vipMinRevenue) >= 0) {
            return CustomerClass.VIP;
        }
        return orders >= regularMinOrders ? CustomerClass.REGULAR : CustomerClass.NEW;
    }
}
