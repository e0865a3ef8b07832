package io.orderflow.streams.order;

/** The reason codes of refused commands, published on {@code order-refusals}. */
public final class Refusals {

    public static final String UNKNOWN_ORDER = "UNKNOWN_ORDER";
    public static final String ORDER_EXISTS = "ORDER_EXISTS";
    public static final String UNKNOWN_COMMAND = "UNKNOWN_COMMAND";
    public static final String INVALID_TRANSITION = "INVALID_TRANSITION";
    public static final String ROLE_NOT_ALLOWED = "ROLE_NOT_ALLOWED";
    public static final String FOUR_EYES = "FOUR_EYES";
    public static final String EMPTY_ORDER = "EMPTY_ORDER";
    public static final String INVALID_QUANTITY = "INVALID_QUANTITY";
    public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";
    public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
    public static final String INVALID_DISCOUNT = "INVALID_DISCOUNT";
    public static final String REASON_REQUIRED = "REASON_REQUIRED";
    public static final String CANCELLATION_ALREADY_REQUESTED = "CANCELLATION_ALREADY_REQUESTED";
    public static final String NO_CANCELLATION_REQUESTED = "NO_CANCELLATION_REQUESTED";
    public static final String QUANTITY_EXCEEDS = "QUANTITY_EXCEEDS";
    public static final String WRONG_CARRIER = "WRONG_CARRIER";
    public static final String UNKNOWN_SHIPMENT = "UNKNOWN_SHIPMENT";
    public static final String NOT_PAID = "NOT_PAID";
    public static final String NOT_A_SERVICE_ORDER = "NOT_A_SERVICE_ORDER";
    public static final String INVALID_AMOUNT = "INVALID_AMOUNT";
    public static final String OVERPAYMENT = "OVERPAYMENT";
    public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";
    /** Shipping or completing an order that is held. */
    public static final String ON_HOLD = "ON_HOLD";
    /** Holding an order that is held already. */
    public static final String ALREADY_ON_HOLD = "ALREADY_ON_HOLD";
    /** Releasing the hold of an order that is not held. */
    public static final String NOT_ON_HOLD = "NOT_ON_HOLD";
    /** A refund that, with the refunds before it, would pay back more than was paid. */
    public static final String REFUND_EXCEEDS_PAID = "REFUND_EXCEEDS_PAID";
    /** A refund asked while another waits for its second person's decision. */
    public static final String REFUND_PENDING = "REFUND_PENDING";
    /** Deciding a refund when none waits. */
    public static final String NO_REFUND_REQUESTED = "NO_REFUND_REQUESTED";
    /** Assigning an order to no one. */
    public static final String OWNER_REQUIRED = "OWNER_REQUIRED";
    /** More lines than an order's records may hold ({@code OrderLimits.MAX_LINES}). */
    public static final String TOO_MANY_LINES = "TOO_MANY_LINES";
    /** An amount (a price, a line, the total) outside the precision and scale the contract writes. */
    public static final String AMOUNT_TOO_LARGE = "AMOUNT_TOO_LARGE";
    /** The order's records (state with history, event, held commands) would outgrow what may be written. */
    public static final String ORDER_TOO_LARGE = "ORDER_TOO_LARGE";
    /**
     * A command for an order the monthly archive has taken out of the live state: archived orders are read, never
     * changed again, and their ids are not given to new orders.
     */
    public static final String ORDER_ARCHIVED = "ORDER_ARCHIVED";

    /** Credit terms missing on a CREDIT_TERMS order, given with another payment method, or out of 1 to 365 days. */
    public static final String INVALID_PAYMENT_TERMS = "INVALID_PAYMENT_TERMS";

    /**
     * Approving would take what the customer owes on approved orders over its credit limit (an administrator may
     * override).
     */
    public static final String CREDIT_LIMIT_EXCEEDED = "CREDIT_LIMIT_EXCEEDED";
    /** A customer record without a name, or keyed by another id than the one it names. */
    public static final String INVALID_CUSTOMER = "INVALID_CUSTOMER";

    private Refusals() {
    }
}
