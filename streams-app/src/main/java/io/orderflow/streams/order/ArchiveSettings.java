package io.orderflow.streams.order;

import io.orderflow.api.Settings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The monthly archive's settings (environment):
 * <ul>
 *   <li>{@code ARCHIVE_RETENTION_MONTHS} (default 1, 0 to 1200): a finished order stays live for the rest of the
 *       month it finished in and this many whole months after it; 1 is "until the end of the month after".</li>
 *   <li>{@code ANALYTICS_TIME_ZONE} (default {@code Asia/Shanghai}): the months are the reports' months.</li>
 *   <li>{@code ARCHIVE_PUNCTUATION_INTERVAL} (ISO-8601, default {@code PT10M}): how often the wall clock looks for
 *       orders past retention.</li>
 *   <li>{@code ARCHIVE_MAX_PER_PUNCTUATION} (default 10000): live orders looked at per punctuation. The look goes
 *       on where the last one stopped and starts over at the end of the store, so every live order is looked at
 *       once per {@code live orders / max} punctuations (a million orders: a day at the defaults).</li>
 * </ul>
 */
public record ArchiveSettings(int retentionMonths, ZoneId zone, Duration punctuationInterval, int maxPerPunctuation) {

    public static final String RETENTION_MONTHS = "ARCHIVE_RETENTION_MONTHS";
    public static final String TIME_ZONE = "ANALYTICS_TIME_ZONE";
    public static final String PUNCTUATION_INTERVAL = "ARCHIVE_PUNCTUATION_INTERVAL";
    public static final String MAX_PER_PUNCTUATION = "ARCHIVE_MAX_PER_PUNCTUATION";

    public ArchiveSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(punctuationInterval, "punctuationInterval");
        if (retentionMonths < 0) {
            throw new IllegalArgumentException(RETENTION_MONTHS + " must not be negative");
        }
        if (punctuationInterval.isNegative() || punctuationInterval.isZero()) {
            throw new IllegalArgumentException(PUNCTUATION_INTERVAL + " must be positive, not '"
                    + punctuationInterval + "'");
        }
        if (maxPerPunctuation < 1) {
            throw new IllegalArgumentException(MAX_PER_PUNCTUATION + " must be at least 1");
        }
    }

    public static ArchiveSettings defaults() {
        return fromEnv(Map.of());
    }

    public static ArchiveSettings fromEnv(Map<String, String> env) {
        return new ArchiveSettings(
                Settings.bounded(env, RETENTION_MONTHS, 1, 0, 1200),
                Settings.zone(env, TIME_ZONE, "Asia/Shanghai"),
                Settings.duration(env, PUNCTUATION_INTERVAL, Duration.ofMinutes(10)),
                Settings.bounded(env, MAX_PER_PUNCTUATION, 10_000, 1, Integer.MAX_VALUE));
    }
}
