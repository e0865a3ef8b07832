package io.orderflow.contract;

import java.util.Map;
import java.util.TreeMap;

/**
 * The topics of the pipeline, each with its default name and whether it is compacted: the one declaration that
 * the apps' topic creation ({@link #configs}) and docker-compose.yml's topic-init follow (a test compares them).
 * The names in force come from {@code io.orderflow.api.TopicNames} (api-common), so that an installation can prefix
 * or rename them.
 */
public enum TopicName {
    /** Every command on an order (OrderCommand), keyed by order id: from the gateway and straight from platforms. */
    ORDER_COMMANDS("order-commands", false),
    /** Logistics partners' tracking scans (TrackingScan), keyed by carrier and tracking number. */
    TRACKING_SCANS("tracking-scans", false),
    /** The product catalog (Product), keyed by SKU, compacted. */
    PRODUCTS("products", true),
    /** Goods receipts and stocktake adjustments (StockMovement), keyed by SKU. */
    STOCK_MOVEMENTS("stock-movements", false),
    /** One event per accepted change of an order (OrderEvent), keyed by order id. */
    ORDER_EVENTS("order-events", false),
    /** One refusal per refused command (Refusal), keyed by order id. */
    ORDER_REFUSALS("order-refusals", false),
    /** Purchase requests for short stock (PurchaseRequest), keyed by SKU. */
    PURCHASE_REQUESTS("purchase-requests", false),
    /**
     * Alerts raised and cleared (Alert), keyed by alert id. Not compacted: a raise and its clearing are both
     * events a consumer acts on, and compaction could leave a slow one only the clearing.
     */
    ALERTS("alerts", false),
    /** Sales records too late for their time window (LateSale): counted and published, never dropped. */
    SALES_LATE_RECORDS("sales-late-records", false),
    /** Records that could not be read or processed, with the reason in headers. */
    DEAD_LETTERS("dead-letters", false);

    private final String defaultName;
    private final boolean compacted;

    TopicName(String defaultName, boolean compacted) {
        this.defaultName = defaultName;
        this.compacted = compacted;
    }

    /** Whether the topic keeps the latest record per key (cleanup.policy=compact) rather than a time's worth. */
    public boolean compacted() {
        return compacted;
    }

    /** The topic configs to create it with at {@code replication}: see {@link #configs(boolean, int)}. */
    public Map<String, String> configs(int replication) {
        return configs(compacted, replication);
    }

    /**
     * The configs of a topic the apps create, theirs or internal: compacted when asked, and at a replication of 3
     * or more {@code min.insync.replicas=2}, so that acks=all means a write survives losing a broker.
     */
    public static Map<String, String> configs(boolean compacted, int replication) {
        Map<String, String> configs = new TreeMap<>();
        if (compacted) {
            configs.put("cleanup.policy", "compact");
        }
        if (replication >= 3) {
            configs.put("min.insync.replicas", "2");
        }
        return configs;
    }

    public String defaultName() {
        return defaultName;
    }

    /** The setting that overrides the name, e.g. {@code ORDERFLOW_TOPIC_ORDER_COMMANDS}. */
    public String setting() {
        return "ORDERFLOW_TOPIC_" + name();
    }
}
