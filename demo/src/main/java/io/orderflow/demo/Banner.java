package io.orderflow.demo;

import io.orderflow.api.DemoKeys;

/** The few lines printed on start: where to look, which keys to use, and how to reproduce this run. */
public final class Banner {

    private Banner() {
    }

    public static String render(DemoConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("orderflow demo traffic\n");
        out.append("  gateway      ").append(config.gatewayUrl()).append("   (API: ").append(config.gatewayUrl())
                .append("/openapi.json)\n");
        out.append("  query API    ").append(config.queryApiUrl()).append("   (live queries and dashboard)\n");
        out.append("  API keys     Authorization: Bearer <key>\n");
        for (DemoKeys.Key key : DemoKeys.ALL) {
            out.append(String.format("    %-18s %s%n", key.key(), key.description()));
        }
        out.append("  traffic      about ").append(config.ordersPerMinute()).append(" orders a minute");
        config.maxOrders().ifPresent(max -> out.append(", ").append(max).append(" in all"));
        out.append(", a step every ~").append(config.stepPause().toMillis() / 1000.0).append(" s\n");
        out.append("  seed         ").append(config.seed())
                .append(config.seedGiven() ? "" : "   (repeat this mix with DEMO_SEED=" + config.seed() + ")")
                .append('\n');
        return out.toString();
    }
}
