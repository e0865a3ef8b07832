package io.orderflow.streams.alerts;

import io.orderflow.api.Settings;
import io.orderflow.avro.OrderStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How alerts are computed.
 *
 * <ul>
 *   <li>{@code ALERTS_PUNCTUATION_INTERVAL} (ISO-8601 duration, default {@code PT10S}): how often the
 *       wall clock is checked for due alerts; an alert appears at most this long after it is due.</li>
 *   <li>{@code ALERTS_MAX_PER_PUNCTUATION} (default 10000): at most this many alerts raised per
 *       punctuation, the rest at the next ones, so that importing a large old ledger whose dates
 *       are all past does not stall the stream thread in one punctuation.</li>
 *   <li>{@code ANALYTICS_TIME_ZONE} (default {@code Asia/Shanghai}): the expected delivery date has
 *       passed at the end of that day in this zone.</li>
 *   <li>{@code ALERTS_STALLED_<STATUS>} (ISO-8601 duration): how long an order may stay in a status,
 *       e.g. {@code ALERTS_STALLED_PENDING_REVIEW=PT24H}; defaults PENDING_REVIEW 24 h, APPROVED 48 h,
 *       IN_TRANSIT 72 h (counted from the last carrier scan); {@code ALERTS_STALLED_APPROVED=off}
 *       switches a default off.</li>
 *   <li>{@code ALERTS_STALLED_ON_HOLD} (ISO-8601 duration, default {@code PT72H}, or {@code off}): how long an
 *       order may stay held; while it is held this limit, counted from the hold, replaces its status's.</li>
 * </ul>
 *
 * @param stalledOnHold how long an order may be held before it is STALLED; null: a hold never is
 */
public record AlertSettings(
        Duration punctuationInterval, int maxAlertsPerPunctuation, ZoneId zone, Map<OrderStatus, Duration> stalledAfter,
        Duration stalledOnHold) {

    public static final String PUNCTUATION_INTERVAL = "ALERTS_PUNCTUATION_INTERVAL";
    public static final String MAX_PER_PUNCTUATION = "ALERTS_MAX_PER_PUNCTUATION";
    public static final String TIME_ZONE = "ANALYTICS_TIME_ZONE";
    public static final String STALLED_PREFIX = "ALERTS_STALLED_";
    public static final String STALLED_ON_HOLD = "ALERTS_STALLED_ON_HOLD";

    public AlertSettings {
        Objects.requireNonNull(punctuationInterval, "punctuationInterval");
        Objects.requireNonNull(zone, "zone");
        if (punctuationInterval.isNegative() || punctuationInterval.isZero()) {
            throw new IllegalArgumentException(PUNCTUATION_INTERVAL + " must be positive, not '" + punctuationInterval
                    + "'");
        }
        if (maxAlertsPerPunctuation < 1) {
            throw new IllegalArgumentException(MAX_PER_PUNCTUATION + " must be at least 1, not '"
                    + maxAlertsPerPunctuation + "'");
        }
        EnumMap<OrderStatus, Duration> copy = new EnumMap<>(OrderStatus.class);
        copy.putAll(stalledAfter);
        stalledAfter = Map.copyOf(copy);
    }

    public static AlertSettings defaults() {
        return fromEnv(Map.of());
    }

    public static AlertSettings fromEnv(Map<String, String> env) {
        Duration interval = Settings.duration(env, PUNCTUATION_INTERVAL, Duration.ofSeconds(10));
        int max = Settings.bounded(env, MAX_PER_PUNCTUATION, 10_000, 1, Integer.MAX_VALUE);
        ZoneId zone = Settings.zone(env, TIME_ZONE, "Asia/Shanghai");
        Map<OrderStatus, Duration> stalled = new EnumMap<>(OrderStatus.class);
        stalled.put(OrderStatus.PENDING_REVIEW, Duration.ofHours(24));
        stalled.put(OrderStatus.APPROVED, Duration.ofHours(48));
        stalled.put(OrderStatus.IN_TRANSIT, Duration.ofHours(72));
        for (OrderStatus status : OrderStatus.values()) {
            String value = Settings.text(env, STALLED_PREFIX + status.name(), null);
            if (value == null) {
                continue;
            }
            if (value.equalsIgnoreCase("off")) {
                stalled.remove(status);
            } else {
                stalled.put(status, Settings.duration(env, STALLED_PREFIX + status.name(), null));
            }
        }
        String onHold = Settings.text(env, STALLED_ON_HOLD, null);
        Duration stalledOnHold = onHold != null && onHold.equalsIgnoreCase("off")
                ? null
                : Settings.duration(env, STALLED_ON_HOLD, Duration.ofHours(72));
        return new AlertSettings(interval, max, zone, stalled, stalledOnHold);
    }

    public AlertSettings withStalledAfter(OrderStatus status, Duration allowed) {
        Map<OrderStatus, Duration> stalled = new EnumMap<>(OrderStatus.class);
        stalled.putAll(stalledAfter);
        stalled.put(status, allowed);
        return new AlertSettings(punctuationInterval, maxAlertsPerPunctuation, zone, stalled, stalledOnHold);
    }
}
