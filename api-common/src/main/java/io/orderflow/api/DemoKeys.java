package io.orderflow.api;

import java.util.List;

/**
 * The documented demo API keys of local mode, declared once: both HTTP apps serve them when
 * {@value ApiKeys#DEMO_KEYS_SETTING} is on ({@link ApiKeys}), the launcher prints them, and the demo traffic generator
 * acts with them, each step by the key of the post that does it in real life, so the four-eyes rule holds. A key's
 * principal is the key itself, but for the logistics partner, whose principal is its carrier code. Never anywhere
 * others reach.
 *
 * <p>Roles are written as in a keys file, not as the Avro {@code Role}, so that the demo, which has no Avro, can read
 * this class.
 */
public final class DemoKeys {

    public static final String SALES = "demo-sales";
    public static final String REVIEWER = "demo-reviewer";
    public static final String WAREHOUSE = "demo-warehouse";
    public static final String SERVICE = "demo-service";
    public static final String ANALYST = "demo-analyst";
    public static final String ADMIN = "demo-admin";
    public static final String PLATFORM = "demo-platform";
    /** The logistics partner of carrier SF, the only carrier with a demo webhook key. */
    public static final String LOGISTICS_SF = "demo-logistics-sf";
    public static final String SF_CARRIER = "SF";
    public static final String SF_WEBHOOK_SECRET = "demo-secret-sf";

    /**
     * A demo key and what it stands for.
     *
     * @param role          as in a keys file: {@code sales}, {@code logistics}, ...
     * @param carrier       the logistics partner's carrier code; null for any other role
     * @param webhookSecret the logistics partner's webhook secret; null for any other role
     * @param duties        what the role does, for the lists that local mode prints
     */
    public record Key(String key, String principal, String role, String carrier, String webhookSecret, String duties) {

        /** The key as a line of a keys file ({@link ApiKeys}' format). */
        public String line() {
            return carrier == null ? key + " " + principal + " " + role
                    : key + " " + principal + " " + role + " " + carrier + " " + webhookSecret;
        }

        /** The role and its duties, as the lists of local mode show them. */
        public String description() {
            return role + ": " + duties;
        }
    }

    /** Every demo key, in the order the lists of local mode show them. */
    public static final List<Key> ALL = List.of(
            person(SALES, "sales", "places, amends and submits orders, asks for cancellations and returns, records"
                    + " payments, completes"),
            person(REVIEWER, "reviewer", "approves or returns orders, approves cancellations, approves or rejects"
                    + " returns"),
            person(WAREHOUSE, "warehouse", "ships, confirms delivery, receives returns, stock receipts and adjustments"),
            person(SERVICE, "service", "schedules services and records their results"),
            person(ANALYST, "analyst", "reads and exports, personal data masked"),
            person(ADMIN, "admin", "everything (the four-eyes rule still holds)"),
            person(PLATFORM, "platform", "an e-commerce platform placing orders as sales does, seeing only its own"),
            new Key(LOGISTICS_SF, SF_CARRIER, "logistics", SF_CARRIER, SF_WEBHOOK_SECRET,
                    "carrier " + SF_CARRIER + "'s signed tracking webhook (secret " + SF_WEBHOOK_SECRET + ")"));

    private DemoKeys() {
    }

    /** Every demo key as a line of a keys file. */
    public static List<String> lines() {
        return ALL.stream().map(Key::line).toList();
    }

    private static Key person(String key, String role, String duties) {
        return new Key(key, key, role, null, null, duties);
    }
}
