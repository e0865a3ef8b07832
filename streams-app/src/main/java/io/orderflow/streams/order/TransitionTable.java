package io.orderflow.streams.order;

import static io.orderflow.avro.OrderStatus.APPROVED;
import static io.orderflow.avro.OrderStatus.AWAITING_STOCK;
import static io.orderflow.avro.OrderStatus.CANCELLED;
import static io.orderflow.avro.OrderStatus.COMPLETED;
import static io.orderflow.avro.OrderStatus.DELIVERED;
import static io.orderflow.avro.OrderStatus.EXCHANGE_SHIPPED;
import static io.orderflow.avro.OrderStatus.IN_TRANSIT;
import static io.orderflow.avro.OrderStatus.PARTIALLY_SHIPPED;
import static io.orderflow.avro.OrderStatus.PENDING_REVIEW;
import static io.orderflow.avro.OrderStatus.RETURNED;
import static io.orderflow.avro.OrderStatus.RETURNED_GOODS_RECEIVED;
import static io.orderflow.avro.OrderStatus.RETURN_APPROVED;
import static io.orderflow.avro.OrderStatus.RETURN_REJECTED;
import static io.orderflow.avro.OrderStatus.RETURN_REQUESTED;
import static io.orderflow.avro.OrderStatus.SERVICE_SCHEDULED;
import static io.orderflow.avro.OrderStatus.SHIPPED;
import static io.orderflow.streams.order.Action.ADD_NOTE;
import static io.orderflow.streams.order.Action.AMEND;
import static io.orderflow.streams.order.Action.APPROVE;
import static io.orderflow.streams.order.Action.APPROVE_CANCELLATION;
import static io.orderflow.streams.order.Action.ASSIGN;
import static io.orderflow.streams.order.Action.CLOSE_SHORT;
import static io.orderflow.streams.order.Action.COMPLETE;
import static io.orderflow.streams.order.Action.CONFIRM_DELIVERY;
import static io.orderflow.streams.order.Action.DECIDE_REFUND;
import static io.orderflow.streams.order.Action.DECIDE_RETURN;
import static io.orderflow.streams.order.Action.HOLD;
import static io.orderflow.streams.order.Action.IMPORT;
import static io.orderflow.streams.order.Action.PLACE;
import static io.orderflow.streams.order.Action.RECEIVE_RETURN;
import static io.orderflow.streams.order.Action.RECORD_PAYMENT;
import static io.orderflow.streams.order.Action.RECORD_SERVICE_RESULT;
import static io.orderflow.streams.order.Action.REFUND;
import static io.orderflow.streams.order.Action.RELEASE_HOLD;
import static io.orderflow.streams.order.Action.REQUEST_CANCELLATION;
import static io.orderflow.streams.order.Action.REQUEST_RETURN;
import static io.orderflow.streams.order.Action.RESCHEDULE;
import static io.orderflow.streams.order.Action.RETURN_FOR_CHANGES;
import static io.orderflow.streams.order.Action.SCHEDULE_SERVICE;
import static io.orderflow.streams.order.Action.SHIP;
import static io.orderflow.streams.order.Action.STOCK_RESERVED;
import static io.orderflow.streams.order.Action.STOCK_SHORT;
import static io.orderflow.streams.order.Action.SUBMIT;
import static io.orderflow.streams.order.Action.TRACKING_SCAN;
import static io.orderflow.streams.order.Condition.ALL_DELIVERED;
import static io.orderflow.streams.order.Condition.ALWAYS;
import static io.orderflow.streams.order.Condition.CLOSED_SHORT;
import static io.orderflow.streams.order.Condition.HAS_GOODS;
import static io.orderflow.streams.order.Condition.IMPORTS_GOODS;
import static io.orderflow.streams.order.Condition.IMPORTS_SERVICE_ONLY;
import static io.orderflow.streams.order.Condition.NOT_ALL_DELIVERED;
import static io.orderflow.streams.order.Condition.RETURN_ACCEPTED;
import static io.orderflow.streams.order.Condition.RETURN_DECLINED;
import static io.orderflow.streams.order.Condition.SERVICE_ONLY;
import static io.orderflow.streams.order.Condition.SHIPS_PART;
import static io.orderflow.streams.order.Condition.SHIPS_THE_REST;

import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The order lifecycle of {@code docs/domain.md} ("Statuses and transitions") as data: every
 * allowed (status, action, role, condition) and where it leads. A command that matches no row
 * is refused with a reason; nothing here is an if/else chain, so the table can be read, printed
 * and tested row by row.
 *
 * <p>ADMIN appears in every role set but SYSTEM's: an admin may do what any role may. The
 * four-eyes rule and the other guards are not roles; {@link OrderRules} checks them for every
 * actor, admins included.
 */
public final class TransitionTable {

    /** Sales, customer service and e-commerce platforms: they enter and amend orders. */
    public static final Set<Role> ORDER_DESK = EnumSet.of(Role.SALES, Role.PLATFORM, Role.ADMIN);
    public static final Set<Role> REVIEWERS = EnumSet.of(Role.REVIEWER, Role.ADMIN);
    public static final Set<Role> WAREHOUSE = EnumSet.of(Role.WAREHOUSE, Role.ADMIN);
    public static final Set<Role> LOGISTICS = EnumSet.of(Role.LOGISTICS, Role.ADMIN);
    public static final Set<Role> SERVICE = EnumSet.of(Role.SERVICE, Role.ADMIN);
    /** Who closes an order: a delivered and paid one, or a partly shipped one whose rest will not ship. */
    public static final Set<Role> CLOSERS = EnumSet.of(Role.SALES, Role.PLATFORM, Role.REVIEWER, Role.ADMIN);
    public static final Set<Role> PIPELINE = EnumSet.of(Role.SYSTEM);
    /** Who looks after an open order: reschedules it, holds and releases it, hands it on. */
    public static final Set<Role> HANDLERS = EnumSet.of(Role.SALES, Role.PLATFORM, Role.REVIEWER, Role.ADMIN);
    /** Bringing a ledger's orders in, in their own statuses, is a migration: administrators only. */
    public static final Set<Role> MIGRATION = EnumSet.of(Role.ADMIN);
    /**
     * Who may approve an order over its customer's credit limit. Not a row: the approval's rows decide who approves,
     * this set who may override the limit while approving (docs/domain.md, Customers).
     */
    public static final Set<Role> CREDIT_OVERRIDERS = EnumSet.of(Role.ADMIN);
    /** Who may write a customer record (its credit limit and default terms among it): master data. */
    public static final Set<Role> CUSTOMER_KEEPERS = EnumSet.of(Role.ADMIN);
    /** Whoever works on orders may note an exception on one (analysts and the pipeline do not). */
    public static final Set<Role> NOTE_TAKERS =
            EnumSet.of(Role.SALES, Role.PLATFORM, Role.REVIEWER, Role.WAREHOUSE, Role.SERVICE, Role.ADMIN);

    /** Cancellation is possible before anything has left as a complete shipment. */
    public static final Set<OrderStatus> CANCELLABLE =
            EnumSet.of(PENDING_REVIEW, RETURNED, AWAITING_STOCK, APPROVED, PARTIALLY_SHIPPED, SERVICE_SCHEDULED);

    /** A payment can be recorded on any order that is not cancelled. */
    public static final Set<OrderStatus> PAYABLE = EnumSet.complementOf(EnumSet.of(CANCELLED, OrderStatus.UNKNOWN));

    /** Every status an order can be in. */
    public static final Set<OrderStatus> ANY = EnumSet.complementOf(EnumSet.of(OrderStatus.UNKNOWN));

    /** The promised date can move until the order is delivered. */
    public static final Set<OrderStatus> RESCHEDULABLE = EnumSet.of(PENDING_REVIEW, RETURNED, AWAITING_STOCK, APPROVED,
            PARTIALLY_SHIPPED, SHIPPED, IN_TRANSIT, SERVICE_SCHEDULED);

    /**
     * An order can be held while something still has to ship or to be completed; in transit the parcel is the
     * carrier's. A hold stays through the changes a held order may go through (approval, stock, a return asked)
     * and can be released in any status but CANCELLED (a cancellation ends the hold).
     */
    public static final Set<OrderStatus> HOLDABLE = EnumSet.of(PENDING_REVIEW, RETURNED, AWAITING_STOCK, APPROVED,
            PARTIALLY_SHIPPED, SERVICE_SCHEDULED, DELIVERED);

    /** Money can go back once the goods are back, or once a (paid) order is cancelled. */
    public static final Set<OrderStatus> REFUNDABLE = EnumSet.of(RETURNED_GOODS_RECEIVED, CANCELLED);

    /**
     * A shipped order closed short may have been paid more than it owes now: what it was paid beyond its total can go
     * back on its way to completion.
     */
    public static final Set<OrderStatus> SHIPPED_ONWARDS = EnumSet.of(SHIPPED, IN_TRANSIT, DELIVERED, COMPLETED);

    public static final List<Transition> TRANSITIONS = List.copyOf(concat(
            List.of(
                    row(null, PLACE, ORDER_DESK, ALWAYS, PENDING_REVIEW),
                    row(PENDING_REVIEW, AMEND, ORDER_DESK, ALWAYS, PENDING_REVIEW),
                    // amended after approval, up to the first shipment: back to review, the reservation let go
                    row(APPROVED, AMEND, ORDER_DESK, ALWAYS, PENDING_REVIEW),
                    row(AWAITING_STOCK, AMEND, ORDER_DESK, ALWAYS, PENDING_REVIEW),
                    row(RETURNED, AMEND, ORDER_DESK, ALWAYS, RETURNED),
                    row(RETURNED, SUBMIT, ORDER_DESK, ALWAYS, PENDING_REVIEW),
                    row(PENDING_REVIEW, RETURN_FOR_CHANGES, REVIEWERS, ALWAYS, RETURNED),
                    row(PENDING_REVIEW, APPROVE, REVIEWERS, SERVICE_ONLY, APPROVED),
                    new Transition(PENDING_REVIEW, APPROVE, REVIEWERS, HAS_GOODS, APPROVED, true),
                    row(PENDING_REVIEW, STOCK_RESERVED, REVIEWERS, ALWAYS, APPROVED),
                    row(PENDING_REVIEW, STOCK_SHORT, REVIEWERS, ALWAYS, AWAITING_STOCK),
                    row(AWAITING_STOCK, STOCK_RESERVED, PIPELINE, ALWAYS, APPROVED),
                    row(APPROVED, SHIP, WAREHOUSE, SHIPS_PART, PARTIALLY_SHIPPED),
                    row(APPROVED, SHIP, WAREHOUSE, SHIPS_THE_REST, SHIPPED),
                    row(PARTIALLY_SHIPPED, SHIP, WAREHOUSE, SHIPS_PART, PARTIALLY_SHIPPED),
                    row(PARTIALLY_SHIPPED, SHIP, WAREHOUSE, SHIPS_THE_REST, SHIPPED),
                    // the rest will never ship: the order goes on as shipped with what it has
                    row(PARTIALLY_SHIPPED, CLOSE_SHORT, CLOSERS, ALWAYS, SHIPPED),
                    row(SHIPPED, TRACKING_SCAN, LOGISTICS, NOT_ALL_DELIVERED, IN_TRANSIT),
                    row(SHIPPED, TRACKING_SCAN, LOGISTICS, ALL_DELIVERED, DELIVERED),
                    row(IN_TRANSIT, TRACKING_SCAN, LOGISTICS, NOT_ALL_DELIVERED, IN_TRANSIT),
                    row(IN_TRANSIT, TRACKING_SCAN, LOGISTICS, ALL_DELIVERED, DELIVERED),
                    row(PARTIALLY_SHIPPED, TRACKING_SCAN, LOGISTICS, ALWAYS, PARTIALLY_SHIPPED),
                    row(EXCHANGE_SHIPPED, TRACKING_SCAN, LOGISTICS, ALWAYS, EXCHANGE_SHIPPED),
                    row(SHIPPED, CONFIRM_DELIVERY, WAREHOUSE, ALWAYS, DELIVERED),
                    row(IN_TRANSIT, CONFIRM_DELIVERY, WAREHOUSE, ALWAYS, DELIVERED),
                    row(DELIVERED, COMPLETE, CLOSERS, ALWAYS, COMPLETED),
                    row(APPROVED, SCHEDULE_SERVICE, SERVICE, SERVICE_ONLY, SERVICE_SCHEDULED),
                    row(SERVICE_SCHEDULED, RECORD_SERVICE_RESULT, SERVICE, ALWAYS, COMPLETED),
                    row(DELIVERED, REQUEST_RETURN, ORDER_DESK, ALWAYS, RETURN_REQUESTED),
                    row(COMPLETED, REQUEST_RETURN, ORDER_DESK, ALWAYS, RETURN_REQUESTED),
                    row(RETURN_REQUESTED, DECIDE_RETURN, REVIEWERS, RETURN_ACCEPTED, RETURN_APPROVED),
                    row(RETURN_REQUESTED, DECIDE_RETURN, REVIEWERS, RETURN_DECLINED, RETURN_REJECTED),
                    row(RETURN_APPROVED, RECEIVE_RETURN, WAREHOUSE, ALWAYS, RETURNED_GOODS_RECEIVED),
                    row(RETURN_APPROVED, SHIP, WAREHOUSE, ALWAYS, EXCHANGE_SHIPPED)),
            imports(),
            stays(CANCELLABLE, REQUEST_CANCELLATION, ORDER_DESK),
            to(CANCELLABLE, APPROVE_CANCELLATION, REVIEWERS, CANCELLED),
            stays(PAYABLE, RECORD_PAYMENT, ORDER_DESK),
            stays(RESCHEDULABLE, RESCHEDULE, HANDLERS),
            stays(HOLDABLE, HOLD, HANDLERS),
            stays(PAYABLE, RELEASE_HOLD, HANDLERS),
            stays(PAYABLE, ASSIGN, HANDLERS),
            stays(ANY, ADD_NOTE, NOTE_TAKERS),
            stays(REFUNDABLE, REFUND, HANDLERS),
            stays(REFUNDABLE, DECIDE_REFUND, REVIEWERS),
            staysWhen(SHIPPED_ONWARDS, REFUND, HANDLERS, CLOSED_SHORT),
            staysWhen(SHIPPED_ONWARDS, DECIDE_REFUND, REVIEWERS, CLOSED_SHORT)));

    private TransitionTable() {
    }

    /**
     * An import (an order of a shop's ledger, brought in by an administrator) creates the order in the status
     * its row names: the one row whose {@code to} is that status applies. Goods not yet shipped in full are
     * claimed from their SKUs first, as an approval claims them; the SKUs' answer creates the order, reserved in
     * the status named (AWAITING_STOCK named: APPROVED once reserved), or short in AWAITING_STOCK, waiting in line
     * like an approved order. Returns are not imported: a ledger has no column for the return request.
     */
    private static List<Transition> imports() {
        return List.of(
                row(null, IMPORT, MIGRATION, ALWAYS, PENDING_REVIEW),
                row(null, IMPORT, MIGRATION, ALWAYS, RETURNED),
                row(null, IMPORT, MIGRATION, IMPORTS_SERVICE_ONLY, APPROVED),
                new Transition(null, IMPORT, MIGRATION, IMPORTS_GOODS, APPROVED, true),
                new Transition(null, IMPORT, MIGRATION, IMPORTS_GOODS, AWAITING_STOCK, true),
                new Transition(null, IMPORT, MIGRATION, IMPORTS_GOODS, PARTIALLY_SHIPPED, true),
                row(null, STOCK_RESERVED, MIGRATION, ALWAYS, APPROVED),
                row(null, STOCK_RESERVED, MIGRATION, ALWAYS, PARTIALLY_SHIPPED),
                row(null, STOCK_SHORT, MIGRATION, ALWAYS, AWAITING_STOCK),
                row(null, IMPORT, MIGRATION, IMPORTS_GOODS, SHIPPED),
                row(null, IMPORT, MIGRATION, IMPORTS_GOODS, IN_TRANSIT),
                row(null, IMPORT, MIGRATION, IMPORTS_GOODS, DELIVERED),
                row(null, IMPORT, MIGRATION, ALWAYS, COMPLETED),
                row(null, IMPORT, MIGRATION, ALWAYS, CANCELLED),
                row(null, IMPORT, MIGRATION, IMPORTS_SERVICE_ONLY, SERVICE_SCHEDULED));
    }

    /** The statuses an order can be imported in. */
    public static Set<OrderStatus> importable() {
        Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
        TRANSITIONS.stream().filter(row -> row.action() == IMPORT).forEach(row -> statuses.add(row.to()));
        return statuses;
    }

    /** The rows for an order in {@code from} (null: no order yet) and this action. */
    public static List<Transition> rows(OrderStatus from, Action action) {
        return TRANSITIONS.stream().filter(row -> row.from() == from && row.action() == action).toList();
    }

    private static Transition row(OrderStatus from, Action action, Set<Role> roles, Condition when, OrderStatus to) {
        return new Transition(from, action, roles, when, to, false);
    }

    private static List<Transition> stays(Set<OrderStatus> from, Action action, Set<Role> roles) {
        return from.stream().map(status -> row(status, action, roles, ALWAYS, status)).toList();
    }

    private static List<Transition> staysWhen(Set<OrderStatus> from, Action action, Set<Role> roles, Condition when) {
        return from.stream().map(status -> row(status, action, roles, when, status)).toList();
    }

    private static List<Transition> to(Set<OrderStatus> from, Action action, Set<Role> roles, OrderStatus to) {
        return from.stream().map(status -> row(status, action, roles, ALWAYS, to)).toList();
    }

    @SafeVarargs
    private static List<Transition> concat(List<Transition>... parts) {
        List<Transition> all = new ArrayList<>();
        Stream.of(parts).forEach(all::addAll);
        return all;
    }

    /** Statuses from which some row leaves. */
    public static Set<OrderStatus> statusesWithExits() {
        Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
        TRANSITIONS.stream().filter(row -> row.from() != null).forEach(row -> statuses.add(row.from()));
        return statuses;
    }
}
