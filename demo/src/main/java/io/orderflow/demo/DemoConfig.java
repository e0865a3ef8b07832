package io.orderflow.demo;

import io.orderflow.api.Settings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Settings of the traffic generator, from the environment, read as the apps read theirs ({@link Settings}): a blank
 * value is unset, and a bad one stops the generator at start naming the variable and the value.
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

    private static final BigDecimal MIN_STEP_SECONDS = new BigDecimal("0.05");
    private static final BigDecimal MAX_STEP_SECONDS = new BigDecimal("3600");

    public static DemoConfig from(Map<String, String> env, long fallbackSeed) {
        return new DemoConfig(
                Settings.httpUrl(env, "GATEWAY_URL", "http://localhost:8080"),
                Settings.httpUrl(env, "QUERY_API_URL", "http://localhost:7070"),
                Settings.bounded(env, "DEMO_ORDERS_PER_MINUTE", 30, 1, 6000),
                Settings.whole(env, "DEMO_SEED", fallbackSeed),
                Settings.isSet(env, "DEMO_SEED"),
                Settings.isSet(env, "DEMO_MAX_ORDERS")
                        ? OptionalInt.of(Settings.bounded(env, "DEMO_MAX_ORDERS", 0, 0, 10_000_000))
                        : OptionalInt.empty(),
                Duration.ofMillis(Settings.decimal(env, "DEMO_STEP_SECONDS", "4", MIN_STEP_SECONDS, MAX_STEP_SECONDS)
                        .movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact()),
                Duration.ofSeconds(Settings.bounded(env, "DEMO_READY_TIMEOUT_SECONDS", 120, 1, 86_400)),
                // the gateway's zone unless the demo is given its own, so that both agree on business dates
                Settings.zone(env, Settings.isSet(env, "DEMO_TIME_ZONE") ? "DEMO_TIME_ZONE" : "GATEWAY_TIME_ZONE",
                        "Asia/Shanghai"));
    }

    /** Mean time between two new orders. */
    public Duration placementInterval() {
        return Duration.ofMillis(60_000L / ordersPerMinute);
    }
}
