package io.orderflow.demo;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Settings of the traffic generator, from the environment.
 *
 * <pre>
 * GATEWAY_URL                 http://localhost:8080   the ingest gateway
 * QUERY_API_URL               http://localhost:7070   the streams app's query API (and dashboard)
 * DEMO_ORDERS_PER_MINUTE      30                      new orders a minute
 * DEMO_SEED                   time-based, printed     seed of every random choice
 * DEMO_MAX_ORDERS             unlimited               stop after this many orders have run their course
 * DEMO_STEP_SECONDS           4                       mean pause between two steps of one order
 * DEMO_READY_TIMEOUT_SECONDS  120                     how long to wait for the gateway's /health/ready
 * DEMO_TIME_ZONE              GATEWAY_TIME_ZONE, else Asia/Shanghai   business dates
 * </pre>
 */
public record DemoConfig(
        URI gatewayUrl,
        URI queryApiUrl,
        int ordersPerMinute,
        long seed,
        boolean seedGiven,
        OptionalInt maxOrders,
        Duration stepPause,
        Duration readyTimeout,
        ZoneId zone) {

    public static DemoConfig from(Map<String, String> env, long fallbackSeed) {
        String seedText = value(env, "DEMO_SEED");
        String maxText = value(env, "DEMO_MAX_ORDERS");
        String zone = value(env, "DEMO_TIME_ZONE");
        if (zone == null) {
            zone = value(env, "GATEWAY_TIME_ZONE");
        }
        return new DemoConfig(
                url(env, "GATEWAY_URL", "http://localhost:8080"),
                url(env, "QUERY_API_URL", "http://localhost:7070"),
                integer(env, "DEMO_ORDERS_PER_MINUTE", 30, 1, 6000),
                seedText == null ? fallbackSeed : parseLong("DEMO_SEED", seedText),
                seedText != null,
                maxText == null ? OptionalInt.empty() : OptionalInt.of(integer(env, "DEMO_MAX_ORDERS", 0, 0, 10_000_000)),
                Duration.ofMillis(Math.round(decimal(env, "DEMO_STEP_SECONDS", 4.0, 0.05, 3600) * 1000)),
                Duration.ofSeconds(integer(env, "DEMO_READY_TIMEOUT_SECONDS", 120, 1, 86_400)),
                zone(zone == null ? "Asia/Shanghai" : zone));
    }

    /** Mean time between two new orders. */
    public Duration placementInterval() {
        return Duration.ofMillis(60_000L / ordersPerMinute);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static URI url(Map<String, String> env, String name, String fallback) {
        String v = value(env, name);
        String text = v == null ? fallback : v;
        try {
            URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException(name + " must be an http(s) URL such as " + fallback);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an http(s) URL such as " + fallback, e);
        }
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        long n = parseLong(name, v);
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
        return (int) n;
    }

    private static double decimal(Map<String, String> env, String name, double fallback, double min, double max) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number", e);
        }
    }

    private static long parseLong(String name, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number", e);
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("DEMO_TIME_ZONE must be a time-zone id such as Asia/Shanghai", e);
        }
    }
}
