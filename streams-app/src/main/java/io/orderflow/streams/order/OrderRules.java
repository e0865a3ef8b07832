package io.orderflow.streams.order;

import static io.orderflow.streams.order.Refusals.ALREADY_ON_HOLD;
import static io.orderflow.streams.order.Refusals.AMOUNT_MISMATCH;
import static io.orderflow.streams.order.Refusals.AMOUNT_TOO_LARGE;
import static io.orderflow.streams.order.Refusals.CANCELLATION_ALREADY_REQUESTED;
import static io.orderflow.streams.order.Refusals.EMPTY_ORDER;
import static io.orderflow.streams.order.Refusals.CREDIT_LIMIT_EXCEEDED;
import static io.orderflow.streams.order.Refusals.FOUR_EYES;
import static io.orderflow.streams.order.Refusals.INVALID_PAYMENT_TERMS;
import static io.orderflow.streams.order.Refusals.INVALID_AMOUNT;
import static io.orderflow.streams.order.Refusals.INVALID_DISCOUNT;
import static io.orderflow.streams.order.Refusals.INVALID_QUANTITY;
import static io.orderflow.streams.order.Refusals.INVALID_TRANSITION;
import static io.orderflow.streams.order.Refusals.NOT_A_SERVICE_ORDER;
import static io.orderflow.streams.order.Refusals.NOT_ON_HOLD;
import static io.orderflow.streams.order.Refusals.NOT_PAID;
import static io.orderflow.streams.order.Refusals.NO_REFUND_REQUESTED;
import static io.orderflow.streams.order.Refusals.NO_CANCELLATION_REQUESTED;
import static io.orderflow.streams.order.Refusals.ON_HOLD;
import static io.orderflow.streams.order.Refusals.ORDER_EXISTS;
import static io.orderflow.streams.order.Refusals.OVERPAYMENT;
import static io.orderflow.streams.order.Refusals.OWNER_REQUIRED;
import static io.orderflow.streams.order.Refusals.QUANTITY_EXCEEDS;
import static io.orderflow.streams.order.Refusals.REASON_REQUIRED;
import static io.orderflow.streams.order.Refusals.REFUND_EXCEEDS_PAID;
import static io.orderflow.streams.order.Refusals.REFUND_PENDING;
import static io.orderflow.streams.order.Refusals.ROLE_NOT_ALLOWED;
import static io.orderflow.streams.order.Refusals.TOO_MANY_LINES;
import static io.orderflow.streams.order.Refusals.UNKNOWN_ORDER;
import static io.orderflow.streams.order.Refusals.UNKNOWN_SHIPMENT;
import static io.orderflow.streams.order.Refusals.UNKNOWN_SKU;
import static io.orderflow.streams.order.Refusals.WRONG_CARRIER;

import io.orderflow.avro.Actor;
import io.orderflow.avro.AddNote;
import io.orderflow.avro.AmendOrder;
import io.orderflow.avro.ApproveOrder;
import io.orderflow.avro.AssignOrder;
import io.orderflow.avro.Cancellation;
import io.orderflow.avro.CloseShort;
import io.orderflow.avro.ConfirmDelivery;
import io.orderflow.avro.CreditLimit;
import io.orderflow.avro.Customer;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.DecideRefund;
import io.orderflow.avro.DecideReturn;
import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.HoldOrder;
import io.orderflow.avro.ImportOrder;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderHold;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.PaymentTerms;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Product;
import io.orderflow.avro.ReceiveReturn;
import io.orderflow.avro.RecordPayment;
import io.orderflow.avro.RecordServiceResult;
import io.orderflow.avro.Refund;
import io.orderflow.avro.RefundOrder;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.ReleaseHold;
import io.orderflow.avro.RequestCancellation;
import io.orderflow.avro.RequestReturn;
import io.orderflow.avro.RescheduleDelivery;
import io.orderflow.avro.ReturnForChanges;
import io.orderflow.avro.ReturnRequest;
import io.orderflow.avro.Role;
import io.orderflow.avro.ScheduleService;
import io.orderflow.avro.ServiceRecord;
import io.orderflow.avro.ShipOrder;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.ShortClosure;
import io.orderflow.avro.StockRequest;
import io.orderflow.avro.StockRequestType;
import io.orderflow.avro.TrackingScan;
import io.orderflow.avro.TrackingStatus;
import io.orderflow.streams.catalog.Catalog;
import io.orderflow.streams.customer.Customers;
import io.orderflow.contract.OrderLimits;
import io.orderflow.serde.GeneratedAvroTypes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pure decision of the order lifecycle: {@code decide(order, command)} finds the command's
 * row in the {@link TransitionTable}, checks the role and the guards, and either refuses with a
 * code and text or returns the changed order, its event and what the order's stock must do.
 * No Kafka here: the same function serves the topology, the tests and the reference model.
 */
public final class OrderRules {

    private static final Set<OrderStatus> HOLDING_STOCK =
            EnumSet.of(OrderStatus.AWAITING_STOCK, OrderStatus.APPROVED, OrderStatus.PARTIALLY_SHIPPED);

    static {
        // Copying and building generated records resolves their enum defaults by class name,
        // which Avro 1.12 allows only for trusted classes; the rules may run before any serde.
        GeneratedAvroTypes.trust();
    }

    private final Catalog catalog;
    /** The customer records (credit limits, default terms) and their open receivables as last published. */
    private final Customers customers;
    /** A refund of more than this waits for a second person ({@link OrderSettings#refundFourEyesAbove}). */
    private final BigDecimal refundFourEyesAbove;

    public OrderRules(Catalog catalog) {
        this(catalog, OrderSettings.defaults().refundFourEyesAbove());
    }

    public OrderRules(Catalog catalog, BigDecimal refundFourEyesAbove) {
        this(catalog, Customers.NONE, refundFourEyesAbove);
    }

    public OrderRules(Catalog catalog, Customers customers, BigDecimal refundFourEyesAbove) {
        this.catalog = catalog;
        this.customers = customers;
        this.refundFourEyesAbove = refundFourEyesAbove;
    }

    /** Decides {@code command} on {@code order} (null when no order has this id yet). */
    public Decision decide(OrderState order, Command command) {
        OrderStatus from = order == null ? null : order.getStatus();
        if (order == null && !command.creates()) {
            return refuse(null, command, UNKNOWN_ORDER, "no order " + command.orderId() + " is known");
        }
        if (order != null && command.creates()) {
            return refuse(order, command, ORDER_EXISTS, "order " + command.orderId() + " exists already");
        }
        List<Transition> rows = rows(from, command);
        if (rows.isEmpty() && command.payload() instanceof ImportOrder imported) {
            return refuse(null, command, INVALID_TRANSITION, "an order cannot be imported as "
                    + imported.getStatus() + "; it can as " + TransitionTable.importable());
        }
        if (rows.isEmpty()) {
            return refuse(order, command, INVALID_TRANSITION,
                    command.label() + " is not possible on an order that is " + from);
        }
        Role role = command.actor().getRole();
        if (rows.stream().noneMatch(row -> row.allows(role))) {
            return refuse(order, command, ROLE_NOT_ALLOWED,
                    "role " + role + " may not " + command.label() + " an order that is "
                            + (from == null ? "new" : from));
        }
        Optional<Violation> violation = guard(order, command);
        if (violation.isPresent()) {
            return refuse(order, command, violation.get().code(), violation.get().text());
        }
        Optional<Transition> applies = rows.stream()
                .filter(row -> row.allows(role) && row.when().holds(order, command))
                .findFirst();
        if (applies.isEmpty() && command.payload() instanceof ImportOrder imported) {
            // the rows of an import are the status it names; its lines decide whether one applies
            boolean goods = imported.getOrder().getLines().stream().anyMatch(line -> line.getKind() == LineKind.GOODS);
            return refuse(null, command, INVALID_TRANSITION, "an order " + (goods ? "with" : "without")
                    + " goods lines cannot be imported as " + imported.getStatus());
        }
        Transition transition = applies.orElseThrow(() -> new IllegalStateException("no condition holds for " + rows));
        if (transition.viaStockLedger()) {
            return new Decision.ReserveStock(stockRequest(StockRequestType.RESERVE, command,
                    order == null ? OrderImports.open((ImportOrder) command.payload())
                            : OrderLines.lines(OrderLines.goods(order, line -> line.getLine().getQuantity()))));
        }
        return apply(order, command, transition.to());
    }

    /** The command's rows; an import names the status it creates the order in, and the row leading there is its. */
    private static List<Transition> rows(OrderStatus from, Command command) {
        List<Transition> rows = TransitionTable.rows(from, command.action());
        if (from == null && command.payload() instanceof ImportOrder imported) {
            OrderStatus target = OrderImports.reached(command.action(), imported);
            return rows.stream().filter(row -> row.to() == target).toList();
        }
        return rows;
    }

    // ---------------------------------------------------------------- guards

    private record Violation(String code, String text) {
    }

    private Optional<Violation> guard(OrderState order, Command command) {
        return switch (command.action()) {
            case PLACE -> {
                PlaceOrder place = (PlaceOrder) command.payload();
                yield validLines(place.getLines(), place.getDiscount()).or(() -> validTerms(place.getPaymentMethod(),
                        terms(place.getCustomer(), place.getPaymentMethod(), place.getPaymentTerms())));
            }
            case AMEND -> {
                AmendOrder amend = (AmendOrder) command.payload();
                yield validLines(amend.getLines(), amend.getDiscount()).or(() -> validTerms(amend.getPaymentMethod(),
                        terms(amend.getCustomer(), amend.getPaymentMethod(), amend.getPaymentTerms())));
            }
            case APPROVE -> fourEyes(order, command).or(() -> withinCredit(order, command));
            case RETURN_FOR_CHANGES -> fourEyes(order, command)
                    .or(() -> required(((ReturnForChanges) command.payload()).getReason(), "returning an order"));
            case REQUEST_CANCELLATION -> order.getCancellation() != null
                    ? violation(CANCELLATION_ALREADY_REQUESTED, "a cancellation is already requested")
                    : required(((RequestCancellation) command.payload()).getReason(), "a cancellation");
            case APPROVE_CANCELLATION -> order.getCancellation() == null
                    ? violation(NO_CANCELLATION_REQUESTED, "no cancellation was requested")
                    : notTheRequester(order.getCancellation().getRequestedBy(), command, "this cancellation");
            case DECIDE_RETURN -> order.getReturnRequest() == null
                    ? Optional.empty()
                    : notTheRequester(order.getReturnRequest().getRequestedBy(), command, "this return");
            case SHIP -> notHeld(order, "shipped").or(() -> validShipment(order, (ShipOrder) command.payload()));
            case TRACKING_SCAN -> validScan(order, command);
            case COMPLETE -> notHeld(order, "completed").or(() -> !settled(order)
                    ? violation(NOT_PAID, "the order is " + order.getPaymentStatus() + ", not PAID")
                    : Optional.empty());
            case RECORD_SERVICE_RESULT -> notHeld(order, "completed");
            case CLOSE_SHORT -> notHeld(order, "closed short")
                    .or(() -> required(((CloseShort) command.payload()).getReason(), "closing an order short"));
            case RESCHEDULE -> required(((RescheduleDelivery) command.payload()).getReason(), "a new delivery date");
            case HOLD -> order.getHold() != null
                    ? violation(ALREADY_ON_HOLD, "the order is held already (" + order.getHold().getReason() + ")")
                    : Optional.empty();
            case RELEASE_HOLD -> order.getHold() == null
                    ? violation(NOT_ON_HOLD, "the order is not held")
                    : Optional.empty();
            case ASSIGN -> blank(((AssignOrder) command.payload()).getOwner())
                    ? violation(OWNER_REQUIRED, "an order is assigned to someone: the owner is missing")
                    : Optional.empty();
            case ADD_NOTE -> blank(((AddNote) command.payload()).getNote())
                    ? violation(REASON_REQUIRED, "a note needs its text")
                    : Optional.empty();
            case SCHEDULE_SERVICE -> OrderLines.hasGoods(order)
                    ? violation(NOT_A_SERVICE_ORDER, "the order has goods lines; only service orders are scheduled")
                    : Optional.empty();
            case REQUEST_RETURN -> {
                RequestReturn request = (RequestReturn) command.payload();
                yield required(request.getReason(), "a return")
                        .or(() -> within(request.getLines(), returnable(order), "shipped and not yet asked back"));
            }
            case RECEIVE_RETURN -> within(((ReceiveReturn) command.payload()).getLines(), receivable(order),
                    "approved for return and not yet received");
            case RECORD_PAYMENT -> validPayment(order, (RecordPayment) command.payload());
            case IMPORT -> {
                ImportOrder imported = (ImportOrder) command.payload();
                List<OrderLine> lines = imported.getOrder().getLines();
                BigDecimal discount = imported.getOrder().getDiscount();
                yield validLines(lines, discount).or(() -> OrderImports.problem(imported, total(lines, discount))
                        .map(problem -> new Violation(problem.code(), problem.text())));
            }
            case REFUND -> validRefund(order, (RefundOrder) command.payload());
            case DECIDE_REFUND -> order.getPendingRefund() == null
                    ? violation(NO_REFUND_REQUESTED, "no refund waits for a decision")
                    : notTheRequester(order.getPendingRefund().getRequestedBy(), command, "this refund");
            default -> Optional.empty();
        };
    }

    /** The terms given, or for a CREDIT_TERMS order without them, the customer record's default terms (if any). */
    private PaymentTerms terms(Customer customer, PaymentMethod method, PaymentTerms given) {
        if (given != null || method != PaymentMethod.CREDIT_TERMS) {
            return given;
        }
        return customers.find(customer.getId()).map(CustomerRecord::getPaymentTerms).orElse(null);
    }

    /**
     * Gives a CREDIT_TERMS order placed or amended without terms its customer's default terms, and says so for the
     * history; null when the order named its own.
     */
    private String defaultTerms(OrderState next) {
        if (next.getPaymentTerms() != null || next.getPaymentMethod() != PaymentMethod.CREDIT_TERMS) {
            return null;
        }
        PaymentTerms terms = terms(next.getCustomer(), next.getPaymentMethod(), null);
        next.setPaymentTerms(PaymentTerms.newBuilder(terms).build());
        return "payment terms " + terms.getDueDays() + " days, the customer's default";
    }

    /** Credit terms go with CREDIT_TERMS, and only with it: payment due 1 to 365 days after delivery. */
    static Optional<Violation> validTerms(PaymentMethod method, PaymentTerms terms) {
        if (method == PaymentMethod.CREDIT_TERMS && terms == null) {
            return violation(INVALID_PAYMENT_TERMS, "an order on CREDIT_TERMS needs its terms (paymentTerms.dueDays)");
        }
        if (method != PaymentMethod.CREDIT_TERMS && terms != null) {
            return violation(INVALID_PAYMENT_TERMS, "payment terms go with payment method CREDIT_TERMS, not " + method);
        }
        if (terms != null && (terms.getDueDays() < 1 || terms.getDueDays() > OrderLimits.MAX_DUE_DAYS)) {
            return violation(INVALID_PAYMENT_TERMS, "paymentTerms.dueDays is " + terms.getDueDays()
                    + "; it must be 1 to " + OrderLimits.MAX_DUE_DAYS);
        }
        return Optional.empty();
    }

    private Optional<Violation> validLines(List<OrderLine> lines, BigDecimal discount) {
        if (lines.isEmpty()) {
            return violation(EMPTY_ORDER, "an order needs at least one line");
        }
        if (lines.size() > OrderLimits.MAX_LINES) {
            return violation(TOO_MANY_LINES, "the order has " + lines.size() + " lines; at most "
                    + OrderLimits.MAX_LINES + " are allowed");
        }
        BigDecimal total = BigDecimal.ZERO;
        for (OrderLine line : lines) {
            if (line.getQuantity() <= 0) {
                return violation(INVALID_QUANTITY, "line " + line.getSku() + " has quantity " + line.getQuantity()
                        + "; it must be positive");
            }
            if (line.getUnitPrice().signum() < 0) {
                return violation(INVALID_AMOUNT, "line " + line.getSku() + " has a negative unit price");
            }
            Optional<Violation> unrepresentable = fits(OrderLimits.UNIT_PRICE, line.getUnitPrice(),
                    "line " + line.getSku() + "'s unit price")
                    .or(() -> fits(OrderLimits.LINE_AMOUNT, line.getAmount(), "line " + line.getSku() + "'s amount"));
            if (unrepresentable.isPresent()) {
                return unrepresentable;
            }
            BigDecimal expected = line.getUnitPrice().multiply(BigDecimal.valueOf(line.getQuantity()));
            if (line.getAmount().compareTo(expected) != 0) {
                return violation(AMOUNT_MISMATCH, "line " + line.getSku() + " has amount " + line.getAmount()
                        + " but " + line.getQuantity() + " x " + line.getUnitPrice() + " = " + expected);
            }
            Optional<Product> product = catalog.find(line.getSku());
            if (product.isEmpty()) {
                return violation(UNKNOWN_SKU, "SKU " + line.getSku() + " is not in the product catalog");
            }
            total = total.add(line.getAmount());
        }
        if (discount != null && (discount.signum() < 0 || discount.compareTo(total) > 0)) {
            return violation(INVALID_DISCOUNT, "discount " + discount + " is not between 0 and the total " + total);
        }
        BigDecimal net = discount == null ? total : total.subtract(discount);
        return fits(OrderLimits.TOTAL, total, "the sum of the line amounts")
                .or(() -> discount == null ? Optional.empty() : fits(OrderLimits.DISCOUNT, discount, "the discount"))
                .or(() -> fits(OrderLimits.TOTAL, net, "the order total"));
    }

    /**
     * A value the order's records could not hold: refused here, since the state and event
     * would otherwise fail to encode and the command would end as a dead letter, not a refusal.
     */
    private static Optional<Violation> fits(OrderLimits.Money limit, BigDecimal value, String what) {
        return limit.fits(value)
                ? Optional.empty()
                : violation(AMOUNT_TOO_LARGE, what + " does not fit " + limit.precision() + " digits with "
                        + limit.scale() + " decimal places (at most " + limit.max().toPlainString() + ")");
    }

    private static Optional<Violation> fourEyes(OrderState order, Command command) {
        if (order.getCreatedBy().getId().equals(command.actor().getId())) {
            return violation(FOUR_EYES, command.actor().getId() + " entered this order and may not review it;"
                    + " a second person must");
        }
        Actor amender = lastAmender(order);
        if (amender != null && amender.getId().equals(command.actor().getId())) {
            return violation(FOUR_EYES, command.actor().getId() + " amended this order last and may not review"
                    + " the amendment; a second person must");
        }
        return Optional.empty();
    }

    /**
     * The credit limit (docs/domain.md, Customers): approving must not take what the customer owes on its approved
     * orders in the limit's currency, as last published, with this order's total, over its limit. Only an
     * administrator may override, with a note saying why; the four-eyes rule was checked before.
     */
    private Optional<Violation> withinCredit(OrderState order, Command command) {
        ApproveOrder approval = (ApproveOrder) command.payload();
        if (approval.getOverrideCreditLimit()) {
            if (!TransitionTable.CREDIT_OVERRIDERS.contains(command.actor().getRole())) {
                return violation(ROLE_NOT_ALLOWED, "role " + command.actor().getRole()
                        + " may not override a credit limit; " + TransitionTable.CREDIT_OVERRIDERS + " may");
            }
            return required(approval.getNote(), "overriding a credit limit (the note)");
        }
        String customerId = order.getCustomer().getId();
        CreditLimit limit = customers.find(customerId).map(CustomerRecord::getCreditLimit).orElse(null);
        if (limit == null || !limit.getCurrency().equals(order.getCurrency())) {
            return Optional.empty();
        }
        BigDecimal owed = customers.owed(customerId, limit.getCurrency(), order.getOrderId());
        BigDecimal with = owed.add(order.getTotalAmount().subtract(order.getPaidAmount()).max(BigDecimal.ZERO));
        if (with.compareTo(limit.getAmount()) <= 0) {
            return Optional.empty();
        }
        return violation(CREDIT_LIMIT_EXCEEDED, "customer " + customerId + " owes " + owed.toPlainString() + " "
                + limit.getCurrency() + " on approved orders; with this order it would owe " + with.toPlainString()
                + ", over its credit limit of " + limit.getAmount().toPlainString() + " " + limit.getCurrency()
                + " (an administrator may override)");
    }

    /** Who amended the order last, if anyone did. */
    private static Actor lastAmender(OrderState order) {
        List<HistoryEntry> history = order.getHistory();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (Action.AMEND.label().equals(history.get(i).getAction())) {
                return history.get(i).getActor();
            }
        }
        return null;
    }

    /**
     * The four-eyes rule for a decision on a request: whoever asked for it does not grant it, administrators
     * included.
     */
    private static Optional<Violation> notTheRequester(Actor requester, Command command, String what) {
        if (requester != null && requester.getId().equals(command.actor().getId())) {
            return violation(FOUR_EYES, command.actor().getId() + " asked for " + what + " and may not decide it;"
                    + " a second person must");
        }
        return Optional.empty();
    }

    private static Optional<Violation> notHeld(OrderState order, String what) {
        OrderHold hold = order.getHold();
        return hold == null
                ? Optional.empty()
                : violation(ON_HOLD, "the order is held (" + hold.getReason() + ") since " + hold.getHeldAt()
                        + " and may not be " + what + " until the hold is released");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Optional<Violation> validShipment(OrderState order, ShipOrder ship) {
        if (ship.getLines().isEmpty()) {
            return violation(INVALID_QUANTITY, "a shipment needs at least one line");
        }
        if (ship.getLines().stream().anyMatch(line -> line.getQuantity() <= 0)) {
            return violation(INVALID_QUANTITY, "shipped quantities must be positive");
        }
        boolean exchange = order.getStatus() == OrderStatus.RETURN_APPROVED;
        Map<String, Integer> open = exchange
                ? receivable(order)
                : OrderLines.goods(order, line -> line.getLine().getQuantity() - line.getShippedQuantity());
        return within(ship.getLines(), open, exchange ? "approved for return" : "ordered and not yet shipped");
    }

    private static Optional<Violation> validScan(OrderState order, Command command) {
        TrackingScan scan = (TrackingScan) command.payload();
        if (command.actor().getRole() == Role.LOGISTICS && !command.actor().getId().equals(scan.getCarrier())) {
            return violation(WRONG_CARRIER, "partner " + command.actor().getId() + " may not scan parcels of carrier "
                    + scan.getCarrier());
        }
        if (shipment(order, scan).isEmpty()) {
            return violation(UNKNOWN_SHIPMENT, "the order has no shipment " + scan.getCarrier() + " "
                    + scan.getTrackingNumber());
        }
        return Optional.empty();
    }

    private static Optional<Violation> validPayment(OrderState order, RecordPayment payment) {
        if (payment.getAmount().signum() <= 0) {
            return violation(INVALID_AMOUNT, "a payment must be positive");
        }
        Optional<Violation> unrepresentable = fits(OrderLimits.PAYMENT, payment.getAmount(), "the payment");
        if (unrepresentable.isPresent()) {
            return unrepresentable;
        }
        BigDecimal paid = order.getPaidAmount().add(payment.getAmount());
        if (paid.compareTo(order.getTotalAmount()) > 0) {
            return violation(OVERPAYMENT, "paid " + paid + " would exceed the total " + order.getTotalAmount());
        }
        return Optional.empty();
    }

    private static Optional<Violation> validRefund(OrderState order, RefundOrder refund) {
        if (!TransitionTable.REFUNDABLE.contains(order.getStatus()) && order.getShortClosure() == null) {
            return violation(INVALID_TRANSITION, "a shipped order is paid back after a return, or when it was closed"
                    + " short and paid more than it owes; this one is " + order.getStatus());
        }
        if (order.getPendingRefund() != null) {
            return violation(REFUND_PENDING, "a refund of " + order.getPendingRefund().getAmount()
                    + " waits for a second person's decision; decide it first");
        }
        Optional<Violation> reason = required(refund.getReason(), "a refund");
        if (reason.isPresent()) {
            return reason;
        }
        if (refund.getAmount().signum() <= 0) {
            return violation(INVALID_AMOUNT, "a refund must be positive");
        }
        Optional<Violation> unrepresentable = fits(OrderLimits.PAYMENT, refund.getAmount(), "the refund");
        if (unrepresentable.isPresent()) {
            return unrepresentable;
        }
        BigDecimal refunded = refunded(order).add(refund.getAmount());
        if (refunded.compareTo(order.getPaidAmount()) > 0) {
            return violation(REFUND_EXCEEDS_PAID, "refunds of " + refunded + " would exceed the " + order.getPaidAmount()
                    + " paid");
        }
        if (!TransitionTable.REFUNDABLE.contains(order.getStatus())) {
            // closed short, on its way to completion: only what was paid beyond what it owes now goes back
            BigDecimal overpaid = order.getPaidAmount().subtract(order.getTotalAmount()).max(BigDecimal.ZERO);
            if (refunded.compareTo(overpaid) > 0) {
                return violation(REFUND_EXCEEDS_PAID, "refunds of " + refunded + " would exceed the " + overpaid
                        + " paid beyond the " + order.getTotalAmount() + " the order owes");
            }
        }
        if (refund.getLines().isEmpty()) {
            return Optional.empty();
        }
        boolean cancelled = order.getStatus() == OrderStatus.CANCELLED;
        return within(refund.getLines(), OrderLines.goods(order, line -> cancelled
                        ? line.getLine().getQuantity() : line.getReturnedQuantity()),
                cancelled ? "ordered" : "returned");
    }

    /**
     * Paid, or, once money went back (an order closed short that had been paid more than it owes), paid less
     * refunded still covers the total.
     */
    private static boolean settled(OrderState order) {
        return order.getPaymentStatus() == PaymentStatus.PAID || !order.getRefunds().isEmpty()
                && order.getPaidAmount().subtract(refunded(order)).compareTo(order.getTotalAmount()) >= 0;
    }

    /** What the order's refunds paid back so far. */
    static BigDecimal refunded(OrderState order) {
        return order.getRefunds().stream().map(Refund::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Optional<Violation> within(List<ShipmentLine> lines, Map<String, Integer> open, String what) {
        if (lines.stream().anyMatch(line -> line.getQuantity() <= 0)) {
            return violation(INVALID_QUANTITY, "quantities must be positive");
        }
        if (lines.isEmpty() && open.isEmpty()) {
            return violation(QUANTITY_EXCEEDS, "nothing is " + what);
        }
        for (Map.Entry<String, Integer> line : OrderLines.bySku(lines).entrySet()) {
            int available = open.getOrDefault(line.getKey(), 0);
            if (line.getValue() > available) {
                return violation(QUANTITY_EXCEEDS, line.getValue() + " x " + line.getKey() + " asked, only "
                        + available + " " + what);
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> required(String reason, String what) {
        return reason == null || reason.isBlank()
                ? violation(REASON_REQUIRED, what + " needs a reason")
                : Optional.empty();
    }

    private static Optional<Violation> violation(String code, String text) {
        return Optional.of(new Violation(code, text));
    }

    private static Map<String, Integer> returnable(OrderState order) {
        return OrderLines.goods(order, line -> line.getShippedQuantity() - line.getReturnRequestedQuantity());
    }

    private static Map<String, Integer> receivable(OrderState order) {
        return OrderLines.goods(order, line -> line.getReturnRequestedQuantity() - line.getReturnedQuantity());
    }

    private static Optional<Shipment> shipment(OrderState order, TrackingScan scan) {
        return order.getShipments().stream()
                .filter(shipment -> shipment.getCarrier().equals(scan.getCarrier())
                        && shipment.getTrackingNumber().equals(scan.getTrackingNumber()))
                .findFirst();
    }

    // ---------------------------------------------------------------- effects

    private Decision apply(OrderState order, Command command, OrderStatus to) {
        if (order == null && command.payload() instanceof ImportOrder imported) {
            return imported(command, imported, to);
        }
        OrderState next = order == null ? placed(command) : OrderState.newBuilder(order).build();
        List<StockRequest> stock = new ArrayList<>();
        List<String> trackingKeys = new ArrayList<>();
        String reason = null;
        switch (command.action()) {
            case PLACE -> reason = defaultTerms(next);
            case AMEND -> {
                String before = describeLines(order.getLines());
                amend(next, (AmendOrder) command.payload());
                reason = "lines " + before + " -> " + describeLines(next.getLines());
                String terms = defaultTerms(next);
                reason = terms == null ? reason : reason + "; " + terms;
                if (order.getStatus() == OrderStatus.APPROVED || order.getStatus() == OrderStatus.AWAITING_STOCK) {
                    // back to review: what the approval reserved (or waits for) is let go, and the next
                    // approval reserves the new lines
                    next.setReviewer(null);
                    next.setReviewedAt(null);
                    next.setReviewNote(null);
                    next.setShortfall(new ArrayList<>());
                    if (OrderLines.hasGoods(order)) {
                        stock.add(stockRequest(StockRequestType.RELEASE, order, command, List.of()));
                    }
                }
            }
            case SUBMIT -> {
            }
            case RETURN_FOR_CHANGES -> {
                reason = ((ReturnForChanges) command.payload()).getReason();
                review(next, command, reason);
            }
            case APPROVE -> {
                review(next, command, ((ApproveOrder) command.payload()).getNote());
                reason = overridden(command, null);
            }
            case STOCK_RESERVED -> {
                reason = command.stock().getCause();
                if (order.getStatus() == OrderStatus.PENDING_REVIEW) {
                    review(next, command, ((ApproveOrder) command.payload()).getNote());
                    reason = overridden(command, reason);
                }
                next.setShortfall(new ArrayList<>());
                for (OrderLineState line : next.getLines()) {
                    if (line.getLine().getKind() == LineKind.GOODS) {
                        line.setReservedQuantity(line.getLine().getQuantity() - line.getShippedQuantity());
                    }
                }
            }
            case STOCK_SHORT -> {
                review(next, command, ((ApproveOrder) command.payload()).getNote());
                next.setShortfall(new ArrayList<>(command.stock().getShortfall()));
                reason = overridden(command, "short of " + describe(command.stock().getShortfall()));
            }
            case REQUEST_CANCELLATION -> {
                reason = ((RequestCancellation) command.payload()).getReason();
                next.setCancellation(new Cancellation(reason, command.actor(), command.at(), null, null));
            }
            case APPROVE_CANCELLATION -> {
                reason = next.getCancellation().getReason();
                next.getCancellation().setApprovedBy(command.actor());
                next.getCancellation().setApprovedAt(command.at());
                appendNote(next, reason);
                next.setHold(null);
                next.setShortfall(new ArrayList<>());
                next.getLines().forEach(line -> line.setReservedQuantity(0));
                if (HOLDING_STOCK.contains(order.getStatus()) && OrderLines.hasGoods(order)) {
                    stock.add(stockRequest(StockRequestType.RELEASE, order, command, List.of()));
                }
            }
            case SHIP -> {
                ShipOrder ship = (ShipOrder) command.payload();
                boolean exchange = order.getStatus() == OrderStatus.RETURN_APPROVED;
                if (!exchange) {
                    OrderLines.distribute(next, OrderLines.bySku(ship.getLines()),
                            line -> line.getLine().getQuantity() - line.getShippedQuantity(), (line, quantity) -> {
                                line.setShippedQuantity(line.getShippedQuantity() + quantity);
                                line.setReservedQuantity(Math.max(0, line.getReservedQuantity() - quantity));
                            });
                    stock.add(stockRequest(StockRequestType.SHIP, order, command,
                            OrderLines.lines(OrderLines.bySku(ship.getLines()))));
                }
                next.getShipments().add(Shipment.newBuilder()
                        .setShipmentId(ship.getShipmentId() != null ? ship.getShipmentId() : command.commandId())
                        .setCarrier(ship.getCarrier())
                        .setTrackingNumber(ship.getTrackingNumber())
                        .setLines(new ArrayList<>(ship.getLines()))
                        .setShippedAt(command.at())
                        .setExchange(exchange)
                        .build());
                trackingKeys.add(ship.getCarrier() + ":" + ship.getTrackingNumber());
            }
            case CLOSE_SHORT -> {
                String why = ((CloseShort) command.payload()).getReason();
                List<ShipmentLine> unshipped = OrderLines.lines(
                        OrderLines.goods(order, line -> line.getLine().getQuantity() - line.getShippedQuantity()));
                next.setShortClosure(new ShortClosure(why, unshipped, command.actor(), command.at()));
                next.getLines().forEach(line -> line.setReservedQuantity(0));
                owe(next, next.getLines().stream()
                        .map(line -> line.getLine().getUnitPrice().multiply(BigDecimal.valueOf(
                                line.getLine().getKind() == LineKind.GOODS
                                        ? line.getShippedQuantity() : line.getLine().getQuantity())))
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
                appendNote(next, why);
                // what is reserved and not shipped goes back as a cancellation's does: the claim is dropped at
                // every SKU, whose shipments have already taken their part of the reservation
                stock.add(stockRequest(StockRequestType.RELEASE, order, command, List.of()));
                reason = "closed short, not shipped " + describe(unshipped) + ": " + why;
            }
            case TRACKING_SCAN -> {
                TrackingScan scan = (TrackingScan) command.payload();
                Shipment shipment = shipment(next, scan).orElseThrow();
                if (shipment.getLastScanAt() == null || !scan.getAt().isBefore(shipment.getLastScanAt())) {
                    shipment.setLastScanStatus(scan.getStatus());
                    shipment.setLastScanAt(scan.getAt());
                    shipment.setLastScanLocation(scan.getLocation());
                }
                if (scan.getStatus() == TrackingStatus.DELIVERED && shipment.getDeliveredAt() == null) {
                    shipment.setDeliveredAt(scan.getAt());
                }
                if (to == OrderStatus.DELIVERED) {
                    next.setDeliveredAt(scan.getAt());
                    next.setPaymentDueAt(paymentDue(next));
                }
                reason = scan.getStatus() + (scan.getLocation() == null ? "" : " at " + scan.getLocation());
            }
            case CONFIRM_DELIVERY -> {
                ConfirmDelivery confirm = (ConfirmDelivery) command.payload();
                var deliveredAt = confirm.getDeliveredAt() != null ? confirm.getDeliveredAt() : command.at();
                next.setDeliveredAt(deliveredAt);
                next.setPaymentDueAt(paymentDue(next));
                next.getShipments().stream().filter(shipment -> shipment.getDeliveredAt() == null)
                        .forEach(shipment -> shipment.setDeliveredAt(deliveredAt));
                reason = confirm.getNote();
            }
            case COMPLETE -> {
            }
            case SCHEDULE_SERVICE -> {
                ScheduleService schedule = (ScheduleService) command.payload();
                next.setService(ServiceRecord.newBuilder()
                        .setScheduledFor(schedule.getScheduledFor())
                        .setAssignee(schedule.getAssignee())
                        .build());
                reason = schedule.getNote();
            }
            case RECORD_SERVICE_RESULT -> {
                RecordServiceResult result = (RecordServiceResult) command.payload();
                ServiceRecord service = next.getService() != null ? next.getService() : new ServiceRecord();
                service.setResult(result.getResult());
                service.setFeedback(result.getFeedback());
                service.setRating(result.getRating());
                service.setCompletedAt(command.at());
                next.setService(service);
                reason = result.getResult();
            }
            case REQUEST_RETURN -> {
                RequestReturn request = (RequestReturn) command.payload();
                Map<String, Integer> asked = request.getLines().isEmpty()
                        ? returnable(order)
                        : OrderLines.bySku(request.getLines());
                OrderLines.distribute(next, asked,
                        line -> line.getShippedQuantity() - line.getReturnRequestedQuantity(),
                        (line, quantity) -> line.setReturnRequestedQuantity(line.getReturnRequestedQuantity() + quantity));
                reason = request.getReason();
                next.setReturnRequest(new ReturnRequest(reason, OrderLines.lines(asked), command.actor(), command.at(),
                        null, null, null, null));
            }
            case DECIDE_RETURN -> {
                DecideReturn decision = (DecideReturn) command.payload();
                ReturnRequest request = next.getReturnRequest();
                request.setApproved(decision.getApproved());
                request.setDecidedBy(command.actor());
                request.setDecidedAt(command.at());
                request.setDecisionReason(decision.getReason());
                reason = decision.getReason();
            }
            case RECEIVE_RETURN -> {
                ReceiveReturn receive = (ReceiveReturn) command.payload();
                Map<String, Integer> received = receive.getLines().isEmpty()
                        ? receivable(order)
                        : OrderLines.bySku(receive.getLines());
                OrderLines.distribute(next, received,
                        line -> line.getReturnRequestedQuantity() - line.getReturnedQuantity(),
                        (line, quantity) -> line.setReturnedQuantity(line.getReturnedQuantity() + quantity));
                stock.add(stockRequest(StockRequestType.RESTOCK, order, command, OrderLines.lines(received)));
                reason = receive.getNote();
            }
            case RECORD_PAYMENT -> {
                RecordPayment payment = (RecordPayment) command.payload();
                BigDecimal paid = next.getPaidAmount().add(payment.getAmount());
                next.setPaidAmount(paid);
                next.setPaymentStatus(!next.getRefunds().isEmpty()
                        ? PaymentStatus.PARTIALLY_REFUNDED
                        : paid.compareTo(next.getTotalAmount()) >= 0 ? PaymentStatus.PAID : PaymentStatus.PARTIALLY_PAID);
                reason = payment.getReference();
            }
            case REFUND -> {
                RefundOrder asked = (RefundOrder) command.payload();
                Refund refund = new Refund(command.commandId(), money(asked.getAmount()), asked.getReason(),
                        new ArrayList<>(asked.getLines()), command.actor(), command.at(), null, null);
                if (asked.getAmount().compareTo(refundFourEyesAbove) > 0) {
                    next.setPendingRefund(refund);
                    reason = "refund of " + refund.getAmount() + " asked, above " + refundFourEyesAbove
                            + ": waits for a second person: " + asked.getReason();
                } else {
                    payBack(next, refund, command);
                    reason = "refunded " + refund.getAmount() + ": " + asked.getReason();
                }
            }
            case DECIDE_REFUND -> {
                DecideRefund decision = (DecideRefund) command.payload();
                Refund refund = Refund.newBuilder(order.getPendingRefund()).build();
                next.setPendingRefund(null);
                String why = decision.getReason() == null ? "" : ": " + decision.getReason();
                if (decision.getApproved()) {
                    refund.setApprovedBy(command.actor());
                    payBack(next, refund, command);
                    reason = "refunded " + refund.getAmount() + ", approved" + why;
                } else {
                    reason = "refund of " + refund.getAmount() + " rejected" + why;
                }
            }
            case RESCHEDULE -> {
                RescheduleDelivery reschedule = (RescheduleDelivery) command.payload();
                LocalDate before = order.getExpectedDeliveryDate();
                if (order.getReschedules() == 0) {
                    next.setPromisedDeliveryDate(before);
                }
                next.setReschedules(order.getReschedules() + 1);
                next.setExpectedDeliveryDate(reschedule.getExpectedDeliveryDate());
                appendNote(next, reschedule.getReason());
                reason = "expected delivery " + (before == null ? "none" : before) + " -> "
                        + reschedule.getExpectedDeliveryDate() + ": " + reschedule.getReason();
            }
            case HOLD -> {
                HoldOrder hold = (HoldOrder) command.payload();
                next.setHold(new OrderHold(hold.getReason(), hold.getNote(), command.actor(), command.at()));
                reason = hold.getReason() + (hold.getNote() == null ? "" : ": " + hold.getNote());
            }
            case RELEASE_HOLD -> {
                String note = ((ReleaseHold) command.payload()).getNote();
                next.setHold(null);
                reason = "released " + order.getHold().getReason() + (note == null ? "" : ": " + note);
            }
            case ASSIGN -> {
                String owner = ((AssignOrder) command.payload()).getOwner().strip();
                next.setOwner(owner);
                reason = "owner " + order.getOwner() + " -> " + owner;
            }
            case ADD_NOTE -> {
                reason = ((AddNote) command.payload()).getNote();
                appendNote(next, reason);
            }
            default -> throw new IllegalStateException("no effect for " + command.action());
        }
        return accepted(order, next, command, to, reason, stock, trackingKeys);
    }

    /**
     * The order a ledger's row describes, created in {@code to} (the SKUs' answer to an import that claimed stock
     * brings its reservation or its shortfall); the history says who imported it, from which file and row.
     */
    private static Decision imported(Command command, ImportOrder imported, OrderStatus to) {
        OrderState next = OrderImports.state(command, to);
        String reason = "imported from " + imported.getSource();
        if (command.action() == Action.STOCK_RESERVED) {
            for (OrderLineState line : next.getLines()) {
                if (line.getLine().getKind() == LineKind.GOODS) {
                    line.setReservedQuantity(line.getLine().getQuantity() - line.getShippedQuantity());
                }
            }
        } else if (command.action() == Action.STOCK_SHORT) {
            next.setShortfall(new ArrayList<>(command.stock().getShortfall()));
            reason += "; short of " + describe(command.stock().getShortfall());
        }
        Decision decision = accepted(null, next, command, to, reason, List.of(), OrderImports.trackingKeys(next));
        if (imported.getUpdatedAt() != null) {
            next.setUpdatedAt(imported.getUpdatedAt());
        }
        return decision;
    }

    private static Decision accepted(OrderState order, OrderState next, Command command, OrderStatus to,
            String reason, List<StockRequest> stock, List<String> trackingKeys) {
        OrderStatus from = order == null ? null : order.getStatus();
        next.setStatus(to);
        if (from != to) {
            next.setStatusSince(command.at());
        }
        next.setUpdatedAt(command.at());
        next.setVersion(next.getVersion() + 1);
        next.getHistory().add(new HistoryEntry(command.at(), command.actor(), command.label(), from, to,
                reason, command.commandId()));
        OrderEvent event = new OrderEvent(command.orderId() + "-" + next.getVersion(), command.orderId(),
                command.commandId(), command.label(), command.actor(), command.at(), from, to, reason, next);
        return new Decision.Accepted(next, event, stock, trackingKeys);
    }

    private static OrderState placed(Command command) {
        return placed(command.orderId(), (PlaceOrder) command.payload(), command.actor(), command.at());
    }

    /** A new order as {@code place} enters it, by {@code creator} at {@code at}, PENDING_REVIEW. */
    static OrderState placed(String orderId, PlaceOrder place, Actor creator, java.time.Instant at) {
        return OrderState.newBuilder()
                .setOrderId(orderId)
                .setStatus(OrderStatus.PENDING_REVIEW)
                .setPaymentStatus(PaymentStatus.UNPAID)
                .setChannel(place.getChannel())
                .setOrderDate(place.getOrderDate())
                .setCustomer(place.getCustomer())
                .setExpectedDeliveryDate(place.getExpectedDeliveryDate())
                .setPaymentMethod(place.getPaymentMethod())
                .setPaymentTerms(place.getPaymentTerms())
                .setCurrency(place.getCurrency())
                .setDiscount(place.getDiscount())
                .setNotes(place.getNotes())
                .setExternalRef(place.getExternalRef())
                .setLines(lineStates(place.getLines()))
                .setTotalAmount(total(place.getLines(), place.getDiscount()))
                .setPaidAmount(money(BigDecimal.ZERO))
                .setCreatedBy(creator)
                .setOwner(creator.getId())
                .setCreatedAt(at)
                .setStatusSince(at)
                .setUpdatedAt(at)
                .setVersion(0)
                .build();
    }

    private static void amend(OrderState next, AmendOrder amend) {
        next.setChannel(amend.getChannel());
        next.setOrderDate(amend.getOrderDate());
        next.setCustomer(amend.getCustomer());
        next.setExpectedDeliveryDate(amend.getExpectedDeliveryDate());
        next.setPaymentMethod(amend.getPaymentMethod());
        next.setPaymentTerms(amend.getPaymentTerms());
        next.setCurrency(amend.getCurrency());
        next.setDiscount(amend.getDiscount());
        next.setNotes(amend.getNotes());
        next.setLines(lineStates(amend.getLines()));
        next.setTotalAmount(total(amend.getLines(), amend.getDiscount()));
        if (next.getPaidAmount().signum() > 0) {
            next.setPaymentStatus(next.getPaidAmount().compareTo(next.getTotalAmount()) >= 0
                    ? PaymentStatus.PAID
                    : PaymentStatus.PARTIALLY_PAID);
        }
    }

    /** Delivery plus the credit terms' days; none without terms. */
    private static java.time.Instant paymentDue(OrderState order) {
        PaymentTerms terms = order.getPaymentTerms();
        return terms == null || order.getDeliveredAt() == null ? null
                : order.getDeliveredAt().plus(java.time.Duration.ofDays(terms.getDueDays()));
    }

    /**
     * An order closed short owes what shipped (and its service lines) less the discount, never below zero; the
     * payment status follows what was paid against it.
     */
    private static void owe(OrderState next, BigDecimal lines) {
        BigDecimal discount = next.getDiscount() == null ? BigDecimal.ZERO : next.getDiscount();
        next.setTotalAmount(money(lines.subtract(discount).max(BigDecimal.ZERO)));
        if (next.getPaidAmount().signum() > 0) {
            next.setPaymentStatus(next.getPaidAmount().compareTo(next.getTotalAmount()) >= 0
                    ? PaymentStatus.PAID
                    : PaymentStatus.PARTIALLY_PAID);
        }
    }

    /**
     * Pays {@code refund} back with {@code command}: it joins the order's refunds under the command's id and the
     * payment status says how much of what was paid went back.
     */
    private static void payBack(OrderState next, Refund refund, Command command) {
        refund.setRefundId(command.commandId());
        refund.setRefundedAt(command.at());
        List<Refund> refunds = new ArrayList<>(next.getRefunds());
        refunds.add(refund);
        next.setRefunds(refunds);
        next.setPaymentStatus(refunded(next).compareTo(next.getPaidAmount()) >= 0
                ? PaymentStatus.REFUNDED
                : PaymentStatus.PARTIALLY_REFUNDED);
    }

    /** The exception note (异常说明) keeps every remark, one per line, oldest first. */
    private static void appendNote(OrderState next, String text) {
        String note = next.getExceptionNote();
        next.setExceptionNote(note == null || note.isEmpty() ? text : note + "\n" + text);
    }

    /** {@code reason}, and the override of a credit limit with its note when the approval overrode one. */
    private static String overridden(Command command, String reason) {
        if (!(command.payload() instanceof ApproveOrder approval) || !approval.getOverrideCreditLimit()) {
            return reason;
        }
        String override = "credit limit overridden: " + approval.getNote();
        return reason == null || reason.isEmpty() ? override : reason + "; " + override;
    }

    private static void review(OrderState next, Command command, String note) {
        next.setReviewer(command.actor());
        next.setReviewedAt(command.at());
        next.setReviewNote(note);
    }

    private static List<OrderLineState> lineStates(List<OrderLine> lines) {
        List<OrderLineState> states = new ArrayList<>();
        for (OrderLine line : lines) {
            states.add(new OrderLineState(OrderLine.newBuilder(line).build(), 0, 0, 0, 0));
        }
        return states;
    }

    private static BigDecimal total(List<OrderLine> lines, BigDecimal discount) {
        BigDecimal total = lines.stream().map(OrderLine::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return money(discount == null ? total : total.subtract(discount));
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static StockRequest stockRequest(
            StockRequestType type, OrderState order, Command command, List<ShipmentLine> lines) {
        return stockRequest(type, command, lines);
    }

    private static StockRequest stockRequest(StockRequestType type, Command command, List<ShipmentLine> lines) {
        return StockRequest.newBuilder()
                .setRequestId(command.commandId())
                .setType(type)
                .setOrderId(command.orderId())
                .setLines(lines)
                .setActor(command.actor())
                .setAt(command.at())
                .build();
    }

    /** An order's lines for its history: {@code 2 x A @ 10.00, 3 x B @ 5.50}. */
    private static String describeLines(List<OrderLineState> lines) {
        StringBuilder text = new StringBuilder();
        for (OrderLineState state : lines) {
            OrderLine line = state.getLine();
            text.append(text.length() == 0 ? "" : ", ").append(line.getQuantity()).append(" x ").append(line.getSku())
                    .append(" @ ").append(line.getUnitPrice().toPlainString());
        }
        return text.toString();
    }

    private static String describe(List<ShipmentLine> lines) {
        StringBuilder text = new StringBuilder();
        for (ShipmentLine line : lines) {
            text.append(text.length() == 0 ? "" : ", ").append(line.getQuantity()).append(" x ").append(line.getSku());
        }
        return text.toString();
    }

    static Decision refuse(OrderState order, Command command, String code, String text) {
        return new Decision.Refused(Refusal.newBuilder()
                .setCommandId(command.commandId())
                .setOrderId(command.orderId())
                .setCommand(command.label())
                .setActor(command.actor())
                .setAt(command.at())
                .setCode(code)
                .setReason(text)
                .setStatus(order == null ? null : order.getStatus())
                .build());
    }
}
