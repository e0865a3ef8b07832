package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.avro.OrderStatus;
import io.orderflow.streams.query.service.QueryException;
import io.orderflow.streams.query.service.Waits;
import io.orderflow.streams.query.state.ConsistencyToken;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** Query parameters, read and checked; a wrong one is a 400 naming the parameter. */
final class Params {

    /**
     * Every date, month and instant a client gives lies in these years: outside, the sums over windows and
     * periods would overflow (an {@code asOf} of year 1 000 000 000 was a 500), and no order has such a date.
     */
    static final int FIRST_YEAR = 1970;
    static final int LAST_YEAR = 9999;
    private static final Instant FIRST_INSTANT = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant LAST_INSTANT = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant()
            .minusNanos(1);

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    static final Duration MAX_WAIT = Waits.LONGEST;
    /** The header a consistency token may come in instead of {@code ?after=}. */
    static final String CONSISTENCY = "X-Orderflow-Consistency";

    private Params() {
    }

    /** The write the answer must reflect: the consistency token of {@code ?after=}, else of {@value #CONSISTENCY}. */
    static Optional<ConsistencyToken> after(Context ctx) {
        String token = Optional.ofNullable(ctx.queryParam("after")).orElse(ctx.header(CONSISTENCY));
        try {
            return ConsistencyToken.parse(token);
        } catch (IllegalArgumentException e) {
            throw new QueryException.Invalid(tokenParameter(ctx), e.getMessage());
        }
    }

    /** Where the request's consistency token came from: {@code ?after=}, else the {@value #CONSISTENCY} header. */
    static String tokenParameter(Context ctx) {
        return ctx.queryParam("after") != null ? "after" : CONSISTENCY;
    }

    static Optional<String> status(Context ctx, String name) {
        return optional(ctx, name).map(s -> {
            String upper = s.toUpperCase(Locale.ROOT);
            if (Arrays.stream(OrderStatus.values()).noneMatch(v -> v.name().equals(upper))) {
                throw new QueryException.Invalid(name, "not an order status");
            }
            return upper;
        });
    }

    static Set<String> statuses(Context ctx) {
        Optional<String> raw = optional(ctx, "status");
        if (raw.isEmpty()) {
            return Set.of();
        }
        Set<String> statuses = Arrays.stream(raw.get().split(",")).map(String::trim)
                .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        for (String s : statuses) {
            if (Arrays.stream(OrderStatus.values()).noneMatch(v -> v.name().equals(s))) {
                throw new QueryException.Invalid("status", "not an order status: " + s);
            }
        }
        return statuses;
    }

    /** {@code 5s}, {@code 500ms}, {@code PT5S} or plain seconds; at most {@link #MAX_WAIT}. */
    static Duration timeout(Context ctx) {
        Optional<String> raw = optional(ctx, "timeout");
        if (raw.isEmpty()) {
            return DEFAULT_WAIT;
        }
        String t = raw.get().trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("pt")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new QueryException.Invalid("timeout", "a duration like 5s, 500ms or PT5S");
        }
        if (d.isNegative() || d.compareTo(MAX_WAIT) > 0) {
            throw new QueryException.Invalid("timeout", "between 0 and " + MAX_WAIT.toSeconds() + "s");
        }
        return d;
    }

    static int limit(Context ctx, int defaultLimit, int max) {
        Optional<String> raw = optional(ctx, "limit");
        if (raw.isEmpty()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.get().trim());
            if (limit < 1 || limit > max) {
                throw new QueryException.Invalid("limit", "between 1 and " + max);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new QueryException.Invalid("limit", "a whole number");
        }
    }

    static Optional<LocalDate> date(Context ctx, String name) {
        return optional(ctx, name).map(s -> {
            try {
                return inYears(name, LocalDate.parse(s.trim()), LocalDate::getYear);
            } catch (DateTimeParseException e) {
                throw new QueryException.Invalid(name, "a date YYYY-MM-DD");
            }
        });
    }

    static Optional<String> month(Context ctx) {
        return optional(ctx, "month").map(s -> {
            try {
                return inYears("month", YearMonth.parse(s.trim()), YearMonth::getYear).toString();
            } catch (DateTimeParseException e) {
                throw new QueryException.Invalid("month", "a month YYYY-MM");
            }
        });
    }

    static Optional<Instant> instant(Context ctx, String name) {
        return optional(ctx, name).map(s -> {
            try {
                Instant instant = Instant.parse(s.trim());
                if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
                    throw outOfYears(name);
                }
                return instant;
            } catch (DateTimeParseException e) {
                throw new QueryException.Invalid(name, "an instant like 2026-11-22T08:00:00Z");
            }
        });
    }

    /** {@code time} when its year is from {@link #FIRST_YEAR} to {@link #LAST_YEAR}; else a 400 naming {@code name}. */
    private static <T> T inYears(String name, T time, ToIntFunction<T> year) {
        int y = year.applyAsInt(time);
        if (y < FIRST_YEAR || y > LAST_YEAR) {
            throw outOfYears(name);
        }
        return time;
    }

    private static QueryException.Invalid outOfYears(String name) {
        return new QueryException.Invalid(name, "in the years " + FIRST_YEAR + " to " + LAST_YEAR);
    }

    static Optional<String> oneOf(Context ctx, String name, List<String> allowed) {
        return optional(ctx, name).map(s -> {
            String lower = s.trim().toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower)) {
                throw new QueryException.Invalid(name, "one of " + String.join(", ", allowed));
            }
            return lower;
        });
    }

    static Optional<String> upperOneOf(Context ctx, String name, List<String> allowed) {
        return optional(ctx, name).map(s -> {
            String upper = s.trim().toUpperCase(Locale.ROOT);
            if (!allowed.contains(upper)) {
                throw new QueryException.Invalid(name, "one of " + String.join(", ", allowed));
            }
            return upper;
        });
    }

    static Optional<String> optional(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
