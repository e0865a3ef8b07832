package io.orderflow.demo;

import java.util.List;

/**
 * The gateway's documented demo API keys (local mode, {@code GATEWAY_DEMO_KEYS=true}); principal = key. Each
 * step of an order uses the key of the post that does it in real life, so the four-eyes rule holds: sales
 * enters, a reviewer approves.
 */
public final class DemoKeys {

    public static final String SALES = "demo-sales";
    public static final String REVIEWER = "demo-reviewer";
    public static final String WAREHOUSE = "demo-warehouse";
    public static final String SERVICE = "demo-service";
    public static final String ANALYST = "demo-analyst";
    public static final String ADMIN = "demo-admin";
    /** Logistics partner of carrier SF, the only carrier with a demo webhook key. */
    public static final String LOGISTICS_SF = "demo-logistics-sf";
    public static final String SF_CARRIER = "SF";
    public static final String SF_WEBHOOK_SECRET = "demo-secret-sf";

    /** Key and role, in the order the banner shows them. */
    public record Key(String key, String role) {
    }

    public static final List<Key> ALL = List.of(
            new Key(SALES, "sales: enters, amends, cancels orders; records payments"),
            new Key(REVIEWER, "reviewer: approves or returns orders, cancellations and returns"),
            new Key(WAREHOUSE, "warehouse: ships, confirms delivery, receives stock and returns"),
            new Key(SERVICE, "service: schedules service orders, records results"),
            new Key(ANALYST, "analyst: reads the query API"),
            new Key(ADMIN, "admin: everything"),
            new Key(LOGISTICS_SF, "logistics, carrier SF: signed tracking webhook (secret " + SF_WEBHOOK_SECRET + ")"));

    private DemoKeys() {
    }
}
