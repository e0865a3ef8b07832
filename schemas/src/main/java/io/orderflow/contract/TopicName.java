package io.orderflow.contract;

/**
 * The topics of the pipeline, each with its default name. The names in force come from
 * {@link TopicNames}, so that an installation can prefix or rename them.
 */
public enum TopicName {
    /** Every command on an order (OrderCommand), keyed by order id: from the gateway and straight from platforms. */
    ORDER_COMMANDS("order-commands"),
    /** Logistics partners' tracking scans (TrackingScan), keyed by carrier and tracking number. */
    TRACKING_SCANS("tracking-scans"),
    /** The product catalog (Product), keyed by SKU, compacted. */
    PRODUCTS("products"),
    /** Goods receipts and stocktake adjustments (StockMovement), keyed by SKU. */
    STOCK_MOVEMENTS("stock-movements"),
    /** The current state of every order (OrderState), keyed by order id, compacted. */
    ORDERS("orders"),
    /** One event per accepted change of an order (OrderEvent), keyed by order id. */
    ORDER_EVENTS("order-events"),
    /** One refusal per refused command (Refusal), keyed by order id. */
    ORDER_REFUSALS("order-refusals"),
    /** Purchase requests for short stock (PurchaseRequest), keyed by SKU. */
    PURCHASE_REQUESTS("purchase-requests"),
    /** Alerts raised and cleared (Alert), keyed by alert id. */
    ALERTS("alerts"),
    /** Sales records too late for their time window (LateSale): counted and published, never dropped. */
    SALES_LATE_RECORDS("sales-late-records"),
    /** Records that could not be read or processed, with the reason in headers. */
    DEAD_LETTERS("dead-letters");

    private final String defaultName;

    TopicName(String defaultName) {
        this.defaultName = defaultName;
    }

    public String defaultName() {
        return defaultName;
    }

    /** The setting that overrides the name, e.g. {@code ORDERFLOW_TOPIC_ORDER_COMMANDS}. */
    public String setting() {
        return "ORDERFLOW_TOPIC_" + name();
    }
}
