package io.orderflow.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.Problem;
import io.orderflow.contract.OrderLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads fields of a JSON object and collects every problem with its path, so that one answer lists all of
 * them. Reasons never repeat the value sent (it may be personal data).
 */
final class Fields {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d{1,40})(?:\\.(\\d{1,40}))?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    /** How far ahead of the gateway's clock a partner's clock may run. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final List<Problem> problems;

    Fields(List<Problem> problems) {
        this.problems = problems;
    }

    /** At most this many problems are listed; a hostile body could otherwise make the answer huge. */
    static final int MAX_PROBLEMS = 100;

    void problem(String field, String reason) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(field, reason));
        }
    }

    List<Problem> problems() {
        return problems;
    }

    static String path(String parent, String name) {
        return FieldPath.member(parent, name);
    }

    /** The object at {@code path}; unknown fields are problems. Null when it is not an object. */
    JsonNode object(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            problem(path.isEmpty() ? FieldPath.ROOT : path, "must be a JSON object");
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(path(path, name), "unknown field");
            }
        }
        return node;
    }

    private JsonNode present(JsonNode obj, String path, String name, boolean required) {
        JsonNode value = obj.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                problem(path(path, name), "is required");
            }
            return null;
        }
        return value;
    }

    String text(JsonNode obj, String path, String name, boolean required, int maxLength) {
        JsonNode value = present(obj, path, name, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(path(path, name), "must be a string");
            return null;
        }
        String text = value.textValue().strip();
        if (text.isEmpty()) {
            if (required) {
                problem(path(path, name), "must not be blank");
            }
            return null;
        }
        if (text.length() > maxLength) {
            problem(path(path, name), "must be at most " + maxLength + " characters");
            return null;
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            problem(path(path, name), "must not contain control characters");
            return null;
        }
        return text;
    }

    String id(JsonNode obj, String path, String name, boolean required) {
        String text = text(obj, path, name, required, 64);
        if (text != null && !ID.matcher(text).matches()) {
            problem(path(path, name), "must be 1-64 letters, digits or . _ : - and start with a letter or digit");
            return null;
        }
        return text;
    }

    Integer integer(JsonNode obj, String path, String name, boolean required, long min, long max) {
        JsonNode value = present(obj, path, name, required);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem(path(path, name), "must be a whole number");
            return null;
        }
        long number = value.longValue();
        if (number < min || number > max) {
            problem(path(path, name), min == 1 ? "must be positive (at most " + max + ")"
                    : "must be between " + min + " and " + max);
            return null;
        }
        return (int) number;
    }

    Boolean bool(JsonNode obj, String path, String name) {
        JsonNode value = present(obj, path, name, false);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(path(path, name), "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /**
     * Money as a decimal string such as {@code "12.50"}, with no more digits before and after the point than
     * {@code limit} (the contract's decimal) holds.
     */
    BigDecimal money(JsonNode obj, String path, String name, boolean required, boolean positive,
            OrderLimits.Money limit) {
        JsonNode value = present(obj, path, name, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(path(path, name), "must be a decimal string such as \"12.50\"");
            return null;
        }
        Matcher decimal = DECIMAL.matcher(value.textValue().strip());
        if (!decimal.matches() || decimal.group(1).length() > limit.integerDigits()
                || decimal.group(2) != null && decimal.group(2).length() > limit.scale()) {
            problem(path(path, name), "must be a decimal string with at most " + limit.integerDigits()
                    + " digits and " + limit.scale() + " decimal places");
            return null;
        }
        BigDecimal amount = new BigDecimal(decimal.group()).setScale(limit.scale());
        if (positive ? amount.signum() <= 0 : amount.signum() < 0) {
            problem(path(path, name), positive ? "must be positive" : "must not be negative");
            return null;
        }
        return amount;
    }

    String currency(JsonNode obj, String path, String name) {
        String text = text(obj, path, name, false, 3);
        if (text != null && !CURRENCY.matcher(text).matches()) {
            problem(path(path, name), "must be an ISO 4217 code such as CNY");
            return null;
        }
        return text;
    }

    LocalDate date(JsonNode obj, String path, String name, boolean required) {
        String text = text(obj, path, name, required, 10);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                problem(path(path, name), "must lie between 1970-01-01 and 9999-12-31");
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            problem(path(path, name), "must be an ISO-8601 date such as 2026-11-30");
            return null;
        }
    }

    Instant instant(JsonNode obj, String path, String name, boolean required) {
        String text = text(obj, path, name, required, 40);
        if (text == null) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(text).toInstant();
            if (at.isBefore(Instant.EPOCH) || at.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                problem(path(path, name), "must lie between 1970 and 9999");
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            problem(path(path, name), "must be an ISO-8601 timestamp with offset such as 2026-11-23T08:00:00Z");
            return null;
        }
    }

    /**
     * A timestamp of something that has happened: at most {@link #CLOCK_SKEW} ahead of this
     * gateway's clock. A carrier whose clock runs far ahead would otherwise date deliveries in the
     * future, skew the sales windows and the on-time figures, and stamp records the broker refuses.
     */
    Instant pastInstant(JsonNode obj, String path, String name, boolean required, Instant now) {
        Instant at = instant(obj, path, name, required);
        if (at != null && at.isAfter(now.plus(CLOCK_SKEW))) {
            problem(path(path, name), "lies in the future: it must not be more than " + CLOCK_SKEW.toMinutes()
                    + " minutes ahead of the gateway's clock (now " + now.truncatedTo(ChronoUnit.SECONDS) + ")");
            return null;
        }
        return at;
    }

    <E extends Enum<E>> E oneOf(JsonNode obj, String path, String name, boolean required, Class<E> type) {
        String text = text(obj, path, name, required, 64);
        if (text == null) {
            return null;
        }
        List<E> allowed = allowed(type);
        for (E constant : allowed) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        problem(path(path, name), "must be one of " + allowed.stream().map(Enum::name).collect(Collectors.joining(", ")));
        return null;
    }

    /** Every constant but the contract's UNKNOWN fallback. */
    static <E extends Enum<E>> List<E> allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> !e.name().equals("UNKNOWN")).toList();
    }

    /** The elements of an array, or an empty list (with a problem) when it is not one. */
    List<JsonNode> array(JsonNode obj, String path, String name, boolean required, int min, int max) {
        JsonNode value = present(obj, path, name, required);
        if (value == null) {
            if (required) {
                return List.of();
            }
            return null;
        }
        if (!value.isArray()) {
            problem(path(path, name), "must be an array");
            return List.of();
        }
        if (value.size() < min || value.size() > max) {
            problem(path(path, name), min == 1 ? "must have between 1 and " + max + " entries"
                    : "must have at most " + max + " entries");
            if (value.size() > max) {
                return List.of();
            }
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        value.forEach(elements::add);
        return elements;
    }
}
