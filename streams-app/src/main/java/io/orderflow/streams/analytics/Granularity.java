package io.orderflow.streams.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * The buckets sales are summed in. MINUTE buckets make the last-hour figure (60 of them: a
 * hopping window of 1 h advancing by 1 min), HOUR buckets the last 24 h and 7 days (hopping by
 * 1 h): a rolling bucket accepts records until it no longer counts in any figure ({@link #openUntil})
 * plus the grace period. DAY and MONTH are calendar buckets in the configured zone, books of the day a
 * sale is booked on: they take every record, however late (an order of a past month changes it).
 */
public enum Granularity {
    MINUTE(Duration.ofMinutes(1), Duration.ofHours(1)),
    HOUR(Duration.ofHours(1), Duration.ofDays(7)),
    DAY(null, null),
    MONTH(null, null);

    /** The granularities whose buckets close: the rolling figures. */
    public static final List<Granularity> ROLLING = List.of(MINUTE, HOUR);

    private final Duration size;
    private final Duration span;

    Granularity(Duration size, Duration span) {
        this.size = size;
        this.span = span;
    }

    /** Bucket length of the rolling granularities. */
    public Duration size() {
        return size;
    }

    /** The longest rolling figure read from this granularity's buckets. */
    public Duration span() {
        return span;
    }

    public boolean rolling() {
        return size != null;
    }

    public long bucketStart(long at, ZoneId zone) {
        return switch (this) {
            case MINUTE, HOUR -> Math.floorDiv(at, size.toMillis()) * size.toMillis();
            case DAY -> localDate(at, zone).atStartOfDay(zone).toInstant().toEpochMilli();
            case MONTH -> YearMonth.from(localDate(at, zone)).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        };
    }

    /** The bucket's name in store keys: ISO instant of its start, {@code yyyy-MM-dd} or {@code yyyy-MM}. */
    public String label(long at, ZoneId zone) {
        return switch (this) {
            case MINUTE, HOUR -> Instant.ofEpochMilli(bucketStart(at, zone)).toString();
            case DAY -> localDate(at, zone).toString();
            case MONTH -> YearMonth.from(localDate(at, zone)).toString();
        };
    }

    /** Until when the bucket of {@code at} shows in a figure: start + span when rolling, else its end. */
    public long openUntil(long at, ZoneId zone) {
        return switch (this) {
            case MINUTE, HOUR -> bucketStart(at, zone) + span.toMillis();
            case DAY -> localDate(at, zone).plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            case MONTH -> YearMonth.from(localDate(at, zone)).plusMonths(1).atDay(1).atStartOfDay(zone)
                    .toInstant().toEpochMilli();
        };
    }

    /** Too late: the bucket stopped showing in any figure at least {@code grace} before stream time. */
    public boolean late(long at, long streamTime, Duration grace, ZoneId zone) {
        return openUntil(at, zone) + grace.toMillis() <= streamTime;
    }

    static LocalDate localDate(long at, ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(at), zone);
    }
}
