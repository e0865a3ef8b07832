package io.orderflow.api;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The project's one settings parser, so that every app and tool reads a setting the same way: a blank value is an
 * unset one, and a value that is not of its type, or not in its range, stops the app at start with an error that
 * names the variable and the value (a secret's value excepted).
 *
 * <p>Settings come from a map, so tests pass their own: usually the environment, or a Kafka configuration that
 * carries one of the app's settings on to a plugin Kafka instantiates by name (its values read through
 * {@code toString}).
 */
public final class Settings {

    private Settings() {
    }

    /** {@code name}'s value, trimmed, or {@code fallback} when it is unset or blank. */
    public static String text(Map<String, ?> env, String name, String fallback) {
        Object value = env.get(name);
        String text = value == null ? null : value.toString();
        return text == null || text.isBlank() ? fallback : text.trim();
    }

    /** Whether {@code name} has a value that is not blank: a blank one is unset. */
    public static boolean isSet(Map<String, ?> env, String name) {
        return text(env, name, null) != null;
    }

    /**
     * A secret: {@code name}'s value, or the content of the file {@code <name>_FILE} names (as Docker and Kubernetes
     * mount secrets; one trailing line break dropped), or null when neither is set. Both set is an error, and an
     * unreadable file one that names the variable, never the value.
     */
    public static String secret(Map<String, ?> env, String name) {
        String value = text(env, name, null);
        String file = text(env, name + "_FILE", null);
        if (file == null) {
            return value;
        }
        if (value != null) {
            throw new IllegalArgumentException("set " + name + " or " + name + "_FILE, not both");
        }
        try {
            String content = Files.readString(Path.of(file));
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(name + "_FILE names a file that cannot be read: " + file, e);
        }
    }

    /** An ISO-8601 duration ({@code PT10S}, {@code P1D}); one that is not, or is negative, names the variable. */
    public static Duration duration(Map<String, ?> env, String name, Duration fallback) {
        String value = text(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, not '" + value + "'");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT10S or P1D, not '"
                    + value + "'", e);
        }
    }

    /** A time zone id ({@code Asia/Shanghai}); an unknown one names the variable. */
    public static ZoneId zone(Map<String, ?> env, String name, String fallback) {
        String value = text(env, name, fallback);
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(name + " must be a time zone id such as Asia/Shanghai, not '" + value
                    + "'", e);
        }
    }

    /** A decimal number ({@code 10000.00}); one that is not names the variable. */
    public static BigDecimal decimal(Map<String, ?> env, String name, String fallback) {
        String value = text(env, name, fallback);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a decimal number, not '" + value + "'", e);
        }
    }

    /** A decimal number from {@code min} to {@code max} (null: no upper bound), both included. */
    public static BigDecimal decimal(Map<String, ?> env, String name, String fallback, BigDecimal min, BigDecimal max) {
        BigDecimal value = decimal(env, name, fallback);
        if (value.compareTo(min) < 0 || max != null && value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be " + (max == null ? "at least " + min.toPlainString()
                    : "between " + min.toPlainString() + " and " + max.toPlainString()) + ", not '"
                    + text(env, name, fallback) + "'");
        }
        return value;
    }

    /** A whole number ({@code 268435456}; no units, no fraction); one that is not names the variable. */
    public static long whole(Map<String, ?> env, String name, long fallback) {
        String value = text(env, name, String.valueOf(fallback));
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
        }
    }

    /**
     * A whole number from {@code min} to {@code max}, both included: a count or a size in bytes
     * ({@link Long#MAX_VALUE}: no upper bound).
     */
    public static long whole(Map<String, ?> env, String name, long fallback, long min, long max) {
        return inRange(name, whole(env, name, fallback), min, max, Long.MAX_VALUE);
    }

    /** A whole number that fits an {@code int}. */
    public static int integer(Map<String, ?> env, String name, int fallback) {
        long value = whole(env, name, fallback);
        if (value != (int) value) {
            throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE + ", not '" + value + "'");
        }
        return (int) value;
    }

    /**
     * A whole number from {@code min} to {@code max}, both included, as an {@code int} ({@link Integer#MAX_VALUE}: no
     * upper bound).
     */
    public static int bounded(Map<String, ?> env, String name, int fallback, int min, int max) {
        return (int) inRange(name, integer(env, name, fallback), min, max, Integer.MAX_VALUE);
    }

    private static long inRange(String name, long value, long min, long max, long largest) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + (max == largest ? "at least " + min
                    : "between " + min + " and " + max) + ", not '" + value + "'");
        }
        return value;
    }

    /**
     * A yes-or-no setting: {@code true}, {@code yes}, {@code 1} or {@code false}, {@code no}, {@code 0}, in any
     * case; {@code fallback} when unset or blank. Anything else stops the app at start, naming the variable: a
     * typo in a switch that opens or closes a door must not fall silently either way.
     */
    public static boolean flag(Map<String, ?> env, String name, boolean fallback) {
        String value = text(env, name, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(
                    name + " must be true or false (yes or no, 1 or 0), not '" + value + "'");
        };
    }

    /** One of {@code choices} in any case, as the choice is written; anything else names the variable and them. */
    public static String oneOf(Map<String, ?> env, String name, String fallback, List<String> choices) {
        String value = text(env, name, fallback);
        return choices.stream().filter(choice -> choice.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " must be one of " + String.join(", ", choices)
                        + ", not '" + value + "'"));
    }

    /**
     * An http or https URL with a host ({@code http://localhost:8080}), without a trailing slash so that paths
     * append to it; anything else names the variable.
     */
    public static URI httpUrl(Map<String, ?> env, String name, String fallback) {
        String value = text(env, name, fallback);
        String bare = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = URI.create(bare);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // not a URI at all: named below, as any other value that is not such a URL
        }
        throw new IllegalArgumentException(name + " must be an http(s) URL such as " + fallback + ", not '" + value
                + "'");
    }
}
