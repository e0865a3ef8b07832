package io.orderflow.api;

import java.util.Map;

/**
 * The apps' settings from environment variables (a map, so tests pass their own): a blank value is an unset one,
 * and a number that is not one, or not in its range, stops the app at start with an error that names the variable
 * and the value.
 */
public final class Settings {

    private Settings() {
    }

    /** {@code name}'s value, trimmed, or {@code fallback} when it is unset or blank. */
    public static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /**
     * A secret: {@code name}'s value, or the content of the file {@code <name>_FILE} names (as Docker and Kubernetes
     * mount secrets; one trailing line break dropped), or null when neither is set. Both set is an error, and an
     * unreadable file one that names the variable, never the value.
     */
    public static String secret(Map<String, String> env, String name) {
        String value = text(env, name, null);
        String file = text(env, name + "_FILE", null);
        if (file == null) {
            return value;
        }
        if (value != null) {
            throw new IllegalArgumentException("set " + name + " or " + name + "_FILE, not both");
        }
        try {
            String content = java.nio.file.Files.readString(java.nio.file.Path.of(file));
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException(name + "_FILE names a file that cannot be read: " + file, e);
        }
    }

    /** An ISO-8601 duration ({@code PT10S}, {@code P1D}); one that is not, or is negative, names the variable. */
    public static java.time.Duration duration(Map<String, String> env, String name, java.time.Duration fallback) {
        String value = text(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            java.time.Duration duration = java.time.Duration.parse(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, not '" + value + "'");
            }
            return duration;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT10S or P1D, not '"
                    + value + "'", e);
        }
    }

    /** A time zone id ({@code Asia/Shanghai}); an unknown one names the variable. */
    public static java.time.ZoneId zone(Map<String, String> env, String name, String fallback) {
        String value = text(env, name, fallback);
        try {
            return java.time.ZoneId.of(value);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(name + " must be a time zone id such as Asia/Shanghai, not '" + value
                    + "'", e);
        }
    }

    /** A decimal number ({@code 10000.00}); one that is not names the variable. */
    public static java.math.BigDecimal decimal(Map<String, String> env, String name, String fallback) {
        String value = text(env, name, fallback);
        try {
            return new java.math.BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a decimal number, not '" + value + "'", e);
        }
    }

    public static long whole(Map<String, String> env, String name, long fallback) {
        String value = text(env, name, String.valueOf(fallback));
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
        }
    }

    public static int integer(Map<String, String> env, String name, int fallback) {
        long value = whole(env, name, fallback);
        if (value != (int) value) {
            throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE + ", not '" + value + "'");
        }
        return (int) value;
    }

    /**
     * A yes-or-no setting: {@code true}, {@code yes}, {@code 1} or {@code false}, {@code no}, {@code 0}, in any
     * case; {@code fallback} when unset or blank. Anything else stops the app at start, naming the variable: a
     * typo in a switch that opens or closes a door must not fall silently either way.
     */
    public static boolean flag(Map<String, String> env, String name, boolean fallback) {
        String value = text(env, name, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(
                    name + " must be true or false (yes or no, 1 or 0), not '" + value + "'");
        };
    }

    public static int bounded(Map<String, String> env, String name, int fallback, int min, int max) {
        int value = integer(env, name, fallback);
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not '" + value + "'");
        }
        return value;
    }
}
