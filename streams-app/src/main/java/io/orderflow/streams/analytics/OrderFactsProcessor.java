package io.orderflow.streams.analytics;

import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Product;
import io.orderflow.avro.Refund;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipmentLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Turns each order event into {@link Fact}s by its status transition, with the order's
 * {@link OrderLedger}: counted when a reviewer approves it (PENDING_REVIEW to APPROVED or
 * AWAITING_STOCK), taken out when cancelled, its returned lines taken out when a return
 * is approved, its unshipped units taken out when it is closed short, refunds beyond what was taken out already
 * taken out when paid back; cycle milestones, deliveries and placements. An order amended after its approval goes
 * back to review: what was counted is taken out of the day it was booked on (and of the rolling
 * figures at the amendment), and its new lines are counted when it is approved again.
 *
 * <p>Two times per sale: when it happened (the approval, the cancellation, the return), which the
 * rolling figures count at, and the day it is booked on, which the daily, monthly and report figures
 * count on: the order's own date (下单日期) for the order counted, its delivery and its placement; the
 * day of the cancellation or return for what they take out (Shopify's rule: a day's figure is what was
 * ordered that day less what was taken back that day). An order whose
 * own date lies in a month already past (entered late, imported from a ledger) changes that month's
 * figures when it is approved, and only then: the books take every record, however late.
 *
 * <p>Decides the rolling figures' lateness here, in the order of the input partition, against the
 * latest event time seen ({@code analytics-stream-time}). The
 * ledger is written only when it changes: at approval, first shipment, and a cancellation or return
 * that takes something out, not on every event of the order: most events change no figure, and a
 * write per event would cost a store write and a changelog record each.
 */
final class OrderFactsProcessor implements Processor<String, OrderEvent, String, Fact> {

    static final String UNKNOWN_CATEGORY = "unknown";
    /** What an order can enter in without having been approved: placed, imported for review, or cancelled. */
    private static final java.util.Set<OrderStatus> NOT_COUNTED_ON_ENTRY =
            java.util.EnumSet.of(OrderStatus.PENDING_REVIEW, OrderStatus.RETURNED, OrderStatus.CANCELLED);
    private static final String STREAM_TIME_KEY = "stream-time";

    private final AnalyticsSettings settings;
    private final String productsStore;
    private ProcessorContext<String, Fact> context;
    private long inputTimestamp = Long.MAX_VALUE;
    private KeyValueStore<String, OrderLedger> ledgers;
    private KeyValueStore<String, Long> streamTimes;
    private KeyValueStore<String, ?> products;
    /** The partition's stream time as {@link #streamTimes} holds it (this processor is its only writer). */
    private Long seenStreamTime;

    OrderFactsProcessor(AnalyticsSettings settings, String productsStore) {
        this.settings = settings;
        this.productsStore = productsStore;
    }

    @Override
    public void init(ProcessorContext<String, Fact> context) {
        this.context = context;
        this.ledgers = context.getStateStore(AnalyticsTopology.LEDGER_STORE);
        this.streamTimes = context.getStateStore(AnalyticsTopology.STREAM_TIME_STORE);
        this.products = context.getStateStore(productsStore);
        this.seenStreamTime = streamTimes.get(STREAM_TIME_KEY);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        OrderEvent event = record.value();
        if (event == null) {
            return;
        }
        inputTimestamp = record.timestamp();
        String orderId = record.key() != null ? record.key() : event.getOrderId();
        long at = event.getAt().toEpochMilli();
        Long seen = seenStreamTime;
        long streamTime = seen == null ? at : Math.max(seen, at);
        if (seen == null || streamTime != seen) {
            streamTimes.put(STREAM_TIME_KEY, streamTime);
            seenStreamTime = streamTime;
        }
        // a placement is the order's first event: no ledger yet (an order id is never placed twice)
        OrderLedger stored = event.getFromStatus() == null ? null : ledgers.get(orderId);
        OrderLedger ledger = stored != null ? stored : new OrderLedger();
        if (ledger.currency == null) {
            // a ledger kept before figures were kept per currency: the order's (an order's currency changes only
            // by an amendment, which takes what was counted out first)
            ledger.currency = event.getOrder().getCurrency();
        }
        boolean changed = false;
        OrderStatus from = event.getFromStatus();
        OrderStatus to = event.getToStatus();
        OrderState order = event.getOrder();
        LocalDate today = Granularity.localDate(at, settings.zone());
        String month = YearMonth.from(today).toString();

        // Placement, cancellation and delivery each happen once per order and are told by the transition
        // itself (TransitionTable): only PLACE comes from no order, and an order id is never placed twice;
        // CANCELLED and DELIVERED are entered from other statuses only and never entered again, an event
        // that stays in them (a payment) comes from them. So the ledger keeps no flag for these.
        if (from == null) {
            emit(new Fact.Placement(YearMonth.from(order.getOrderDate()).toString(), 1, 0), at);
        }
        if (to == OrderStatus.PENDING_REVIEW && (from == OrderStatus.APPROVED || from == OrderStatus.AWAITING_STOCK)
                && ledger.counted && !ledger.cancelled) {
            // amended after approval: back to review, and counted again with its new lines when approved again
            LocalDate booked = ledger.bookedOn != null ? ledger.bookedOn : order.getOrderDate();
            emitSales(orderId, at, booked, streamTime, -1, true, ledger, remaining(ledger));
            ledger.counted = false;
            ledger.lines = new ArrayList<>();
            ledger.bookedOn = null;
            changed = true;
        }
        if (from == null && !NOT_COUNTED_ON_ENTRY.contains(to)) {
            // an order brought in from a shop's ledger past its approval: counted as its ledger dates it
            importedPastApproval(ledger, orderId, order, at, streamTime);
            changed = true;
        }
        if (!ledger.counted && from == OrderStatus.PENDING_REVIEW
                && (to == OrderStatus.APPROVED || to == OrderStatus.AWAITING_STOCK)) {
            count(ledger, orderId, order, at, streamTime);
            changed = true;
        }
        if (to == OrderStatus.CANCELLED && from != OrderStatus.CANCELLED) {
            emit(new Fact.Placement(month, 0, 1), at);
            if (ledger.counted && !ledger.cancelled) {
                ledger.cancelled = true;
                emitSales(orderId, at, today, streamTime, -1, true, ledger, remaining(ledger));
                changed = true;
            }
        }
        if (from == OrderStatus.PARTIALLY_SHIPPED && to == OrderStatus.SHIPPED && order.getShortClosure() != null
                && ledger.counted && !ledger.cancelled) {
            // closed short (once: PARTIALLY_SHIPPED is never entered again); what shipped keeps its revenue
            takeOutUnshipped(ledger, orderId, order.getShortClosure().getLines(), at, today, streamTime);
        }
        if (to == OrderStatus.RETURN_APPROVED && ledger.counted && !ledger.cancelled) {
            changed |= takeBackReturn(ledger, orderId, order, at, today, streamTime);
        }
        Refund refund = paidBackBy(order, event.getCommandId());
        if (refund != null && ledger.counted) {
            takeOutRefund(ledger, orderId, order, refund, at, today, streamTime);
        }
        if ((to == OrderStatus.PARTIALLY_SHIPPED || to == OrderStatus.SHIPPED) && ledger.shippedAt == null
                && from != null) {
            ledger.shippedAt = at;
            changed = true;
            if (ledger.approvedAt != null) {
                emit(new Fact.Cycle(month, CycleTimes.APPROVAL_TO_SHIPMENT, Math.max(0, at - ledger.approvedAt)), at);
            }
        }
        if (to == OrderStatus.DELIVERED && from != OrderStatus.DELIVERED) {
            deliver(ledger, order, at);
        }
        if (changed) {
            ledgers.put(orderId, ledger);
        }
    }

    /**
     * An order imported in a status past approval ({@code ImportOrder}): counted at the review time its ledger gives
     * (else its creation), booked on its own date like any approval, its first shipment and delivery taken from
     * the ledger's dates, not the import's.
     */
    private void importedPastApproval(OrderLedger ledger, String orderId, OrderState order, long at,
                                      long streamTime) {
        long approvedAt = order.getReviewedAt() != null ? order.getReviewedAt().toEpochMilli()
                : order.getCreatedAt() != null ? order.getCreatedAt().toEpochMilli() : at;
        count(ledger, orderId, order, approvedAt, streamTime);
        order.getShipments().stream().map(Shipment::getShippedAt).filter(java.util.Objects::nonNull)
                .mapToLong(java.time.Instant::toEpochMilli).min().ifPresent(shipped -> {
                    ledger.shippedAt = shipped;
                    emit(new Fact.Cycle(Granularity.MONTH.label(shipped, settings.zone()),
                            CycleTimes.APPROVAL_TO_SHIPMENT, Math.max(0, shipped - approvedAt)), at);
                });
        if (order.getDeliveredAt() != null && order.getStatus() != OrderStatus.DELIVERED) {
            deliver(ledger, order, at);
        }
    }

    private void count(OrderLedger ledger, String orderId, OrderState order, long at, long streamTime) {
        boolean firstApproval = ledger.approvedAt == null;
        ledger.counted = true;
        ledger.approvedAt = at;
        ledger.bookedOn = order.getOrderDate();
        ledger.channel = order.getChannel().name();
        ledger.customerId = order.getCustomer().getId();
        ledger.currency = order.getCurrency();
        ledger.lines = new ArrayList<>();
        List<BigDecimal> net = Discounts.net(order.getLines().stream().map(l -> l.getLine().getAmount()).toList(),
                order.getDiscount());
        for (int i = 0; i < order.getLines().size(); i++) {
            var line = order.getLines().get(i).getLine();
            ledger.lines.add(new OrderLedger.CountedLine(
                    line.getSku(), categoryOf(line.getSku()), line.getQuantity(), line.getUnitPrice(), net.get(i)));
        }
        emitSales(orderId, at, order.getOrderDate(), streamTime, +1, true, ledger, ledger.lines);
        if (firstApproval) {
            // an order approved again after an amendment has its order-to-approval time already
            long placedAt = order.getCreatedAt().toEpochMilli();
            emit(new Fact.Cycle(Granularity.MONTH.label(at, settings.zone()), CycleTimes.ORDER_TO_APPROVAL,
                    Math.max(0, at - placedAt)), at);
        }
    }

    /**
     * Returned lines out (units and revenue, not the order): as requested, or every delivered unit when
     * none are listed. Whether anything was taken out, that is whether the ledger changed.
     */
    private boolean takeBackReturn(OrderLedger ledger, String orderId, OrderState order, long at, LocalDate today,
                                   long streamTime) {
        Map<String, Integer> requested = new LinkedHashMap<>();
        List<ShipmentLine> listed = order.getReturnRequest() == null ? List.of() : order.getReturnRequest().getLines();
        if (listed.isEmpty()) {
            for (OrderLineState line : order.getLines()) {
                requested.merge(line.getLine().getSku(), line.getShippedQuantity(), Integer::sum);
            }
        } else {
            for (ShipmentLine line : listed) {
                requested.merge(line.getSku(), line.getQuantity(), Integer::sum);
            }
        }
        List<OrderLedger.CountedLine> out = new ArrayList<>();
        Map<String, Integer> earlier = new LinkedHashMap<>(ledger.returned);
        for (OrderLedger.CountedLine line : ledger.lines) {
            // earlier returns of the SKU came off its first lines first
            int gone = Math.min(earlier.getOrDefault(line.sku(), 0), line.quantity());
            earlier.merge(line.sku(), -gone, Integer::sum);
            int wanted = requested.getOrDefault(line.sku(), 0);
            int quantity = Math.min(wanted, line.quantity() - gone);
            if (quantity <= 0) {
                continue;
            }
            requested.put(line.sku(), wanted - quantity);
            out.add(new OrderLedger.CountedLine(line.sku(), line.category(), quantity, line.unitPrice(),
                    line.amountOf(line.quantity() - gone).subtract(line.amountOf(line.quantity() - gone - quantity))));
        }
        out.forEach(line -> ledger.returned.merge(line.sku(), line.quantity(), Integer::sum));
        if (out.isEmpty()) {
            return false;
        }
        emitSales(orderId, at, today, streamTime, -1, false, ledger, out);
        return true;
    }

    /**
     * The units of an order closed short that never shipped out (units and revenue, not the order), on the day
     * it was closed. A SKU's shipments fill its first lines first, so its unshipped units are those of its last
     * lines, at their prices. The ledger is left as it is: only a cancellation takes out all that remains, and
     * an order closed short can no longer be cancelled; a later return asks back shipped units only.
     */
    private void takeOutUnshipped(OrderLedger ledger, String orderId, List<ShipmentLine> unshipped, long at,
                                  LocalDate today, long streamTime) {
        List<OrderLedger.CountedLine> out = unshippedLines(ledger, unshipped);
        if (!out.isEmpty()) {
            emitSales(orderId, at, today, streamTime, -1, false, ledger, out);
        }
    }

    /**
     * The counted lines of units never shipped, worth the part of their line's counted amount the last units of it
     * are worth ({@link OrderLedger.CountedLine#amountOf}). Returns come off a SKU's first lines and ask back shipped
     * units only, so what remains of its last lines still holds the unshipped units.
     */
    private static List<OrderLedger.CountedLine> unshippedLines(OrderLedger ledger, List<ShipmentLine> unshipped) {
        Map<String, Integer> open = new LinkedHashMap<>();
        for (ShipmentLine line : unshipped) {
            open.merge(line.getSku(), line.getQuantity(), Integer::sum);
        }
        Map<String, Integer> earlier = new LinkedHashMap<>(ledger.returned);
        int[] left = new int[ledger.lines.size()];
        for (int i = 0; i < left.length; i++) {
            OrderLedger.CountedLine line = ledger.lines.get(i);
            int gone = Math.min(earlier.getOrDefault(line.sku(), 0), line.quantity());
            earlier.merge(line.sku(), -gone, Integer::sum);
            left[i] = line.quantity() - gone;
        }
        List<OrderLedger.CountedLine> out = new ArrayList<>();
        for (int i = left.length - 1; i >= 0; i--) {
            OrderLedger.CountedLine line = ledger.lines.get(i);
            int quantity = Math.min(open.getOrDefault(line.sku(), 0), left[i]);
            if (quantity > 0) {
                open.merge(line.sku(), -quantity, Integer::sum);
                out.add(0, new OrderLedger.CountedLine(line.sku(), line.category(), quantity, line.unitPrice(),
                        line.amountOf(left[i]).subtract(line.amountOf(left[i] - quantity))));
            }
        }
        return out;
    }

    /** The refund {@code commandId} paid back, if that command paid one back (each does so once). */
    private static Refund paidBackBy(OrderState order, String commandId) {
        List<Refund> refunds = order.getRefunds();
        if (refunds.isEmpty()) {
            return null;
        }
        Refund last = refunds.get(refunds.size() - 1);
        return commandId.equals(last.getRefundId()) ? last : null;
    }

    /**
     * Revenue a refund takes out on the day it is paid back (not units, not the order): the part of the order's
     * refunds beyond what its cancellation, returns or short close already took out of its counted revenue, so
     * that money paid back for goods whose revenue is out already is not taken out twice. Counted on total, channel and
     * customer: a refund is money, and the products' figures keep their units' revenue.
     */
    private void takeOutRefund(OrderLedger ledger, String orderId, OrderState order, Refund refund, long at,
                               LocalDate today, long streamTime) {
        BigDecimal counted = sum(ledger.lines);
        BigDecimal alreadyOut = ledger.cancelled ? counted : counted.subtract(sum(remaining(ledger)));
        if (!ledger.cancelled && order.getShortClosure() != null) {
            alreadyOut = alreadyOut.add(sum(unshippedLines(ledger, order.getShortClosure().getLines())));
        }
        BigDecimal after = BigDecimal.ZERO;
        for (Refund paid : order.getRefunds()) {
            after = after.add(paid.getAmount());
        }
        BigDecimal before = after.subtract(refund.getAmount());
        BigDecimal out = after.subtract(alreadyOut).max(BigDecimal.ZERO)
                .subtract(before.subtract(alreadyOut).max(BigDecimal.ZERO));
        if (out.signum() <= 0) {
            return;
        }
        List<Granularity> late = late(at, streamTime);
        SalesFigures figures = new SalesFigures(0, 0, out.negate());
        emitSale(orderId, today, "total", "all", ledger.currency, at, figures, streamTime, late);
        emitSale(orderId, today, "channel", ledger.channel, ledger.currency, at, figures, streamTime, late);
        emitSale(orderId, today, "customer", ledger.customerId, ledger.currency, at, figures, streamTime, late);
    }

    private static BigDecimal sum(List<OrderLedger.CountedLine> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderLedger.CountedLine line : lines) {
            sum = sum.add(line.amount());
        }
        return sum;
    }

    /**
     * The counted lines less what returns took out already (a SKU's returns come off its first lines first): what is
     * left of a line is its counted amount for the units left ({@link OrderLedger.CountedLine#amountOf}), so two
     * returns take out what one of them all would.
     */
    private static List<OrderLedger.CountedLine> remaining(OrderLedger ledger) {
        Map<String, Integer> returned = new LinkedHashMap<>(ledger.returned);
        List<OrderLedger.CountedLine> left = new ArrayList<>();
        for (OrderLedger.CountedLine line : ledger.lines) {
            int gone = Math.min(returned.getOrDefault(line.sku(), 0), line.quantity());
            returned.merge(line.sku(), -gone, Integer::sum);
            int quantity = line.quantity() - gone;
            left.add(new OrderLedger.CountedLine(line.sku(), line.category(), quantity, line.unitPrice(),
                    line.amountOf(quantity)));
        }
        return left;
    }

    /** Fulfilment in the order's own month; the shipment-to-delivery stage in the month it ended. */
    private void deliver(OrderLedger ledger, OrderState order, long at) {
        long deliveredAt = order.getDeliveredAt() != null ? order.getDeliveredAt().toEpochMilli() : at;
        String orderMonth = YearMonth.from(order.getOrderDate()).toString();
        LocalDate expected = order.getExpectedDeliveryDate();
        LocalDate firstPromise = order.getPromisedDeliveryDate() != null ? order.getPromisedDeliveryDate() : expected;
        LocalDate deliveredOn = Granularity.localDate(deliveredAt, settings.zone());
        boolean onTime = expected == null || !deliveredOn.isAfter(expected);
        boolean onTimeToFirst = firstPromise == null || !deliveredOn.isAfter(firstPromise);
        emit(new Fact.Delivery(orderMonth, "total", "all", onTime, onTimeToFirst), at);
        emit(new Fact.Delivery(orderMonth, "channel", order.getChannel().name(), onTime, onTimeToFirst), at);
        Set<String> carriers = new LinkedHashSet<>();
        for (Shipment shipment : order.getShipments()) {
            carriers.add(shipment.getCarrier());
        }
        if (carriers.isEmpty()) {
            carriers.add("unknown");
        }
        for (String carrier : carriers) {
            emit(new Fact.Delivery(orderMonth, "carrier", carrier, onTime, onTimeToFirst), at);
        }
        if (ledger.shippedAt != null) {
            emit(new Fact.Cycle(Granularity.MONTH.label(deliveredAt, settings.zone()), CycleTimes.SHIPMENT_TO_DELIVERY,
                    Math.max(0, deliveredAt - ledger.shippedAt)), at);
        }
    }

    /**
     * One signed delta per dimension value, at {@code at} and booked on {@code day}: total, channel and
     * customer get the whole order; each product and category its lines, and one order each when
     * {@code countsOrder}.
     */
    private void emitSales(String orderId, long at, LocalDate day, long streamTime, int sign, boolean countsOrder,
                           OrderLedger ledger, List<OrderLedger.CountedLine> lines) {
        long orders = countsOrder ? sign : 0;
        List<Granularity> late = late(at, streamTime);
        Map<String, SalesFigures> bySku = new LinkedHashMap<>();
        Map<String, SalesFigures> byCategory = new LinkedHashMap<>();
        SalesFigures whole = new SalesFigures(orders, 0, BigDecimal.ZERO);
        for (OrderLedger.CountedLine line : lines) {
            SalesFigures part = new SalesFigures(0, (long) sign * line.quantity(),
                    sign < 0 ? line.amount().negate() : line.amount());
            whole = whole.plus(part);
            bySku.merge(line.sku(), part, SalesFigures::plus);
            byCategory.merge(line.category(), part, SalesFigures::plus);
        }
        SalesFigures orderOnly = new SalesFigures(orders, 0, BigDecimal.ZERO);
        String currency = ledger.currency;
        emitSale(orderId, day, "total", "all", currency, at, whole, streamTime, late);
        emitSale(orderId, day, "channel", ledger.channel, currency, at, whole, streamTime, late);
        emitSale(orderId, day, "customer", ledger.customerId, currency, at, whole, streamTime, late);
        bySku.forEach((sku, part) -> emitSale(orderId, day, "product", sku, currency, at, part.plus(orderOnly),
                streamTime, late));
        byCategory.forEach((category, part) -> emitSale(orderId, day, "category", category, currency, at,
                part.plus(orderOnly), streamTime, late));
    }

    /** The rolling granularities a fact at {@code at} comes too late for, against {@code streamTime}. */
    private List<Granularity> late(long at, long streamTime) {
        List<Granularity> late = new ArrayList<>();
        for (Granularity granularity : Granularity.ROLLING) {
            if (granularity.late(at, streamTime, settings.grace(), settings.zone())) {
                late.add(granularity);
            }
        }
        return late;
    }

    private void emitSale(String orderId, LocalDate day, String dimension, String value, String currency, long at,
                          SalesFigures figures, long streamTime, List<Granularity> late) {
        emit(new Fact.Sale(orderId, dimension, value, currency, at, day, figures, streamTime, List.copyOf(late)), at);
    }

    /**
     * Forwards a fact stamped with its event time, but never later than the event record that
     * caused it: a carrier's clock ahead of ours must not stamp a record the broker refuses
     * (Kafka refuses timestamps more than {@code log.message.timestamp.after.max.ms}, 1 h by
     * default, in the future), which would stop the stream thread on every retry.
     */
    private void emit(Fact fact, long timestamp) {
        context.forward(new Record<>(fact.key(), fact, Math.min(timestamp, inputTimestamp)));
    }

    private String categoryOf(String sku) {
        Object entry = products.get(sku);
        if (entry instanceof ValueAndTimestamp<?> timestamped) {
            entry = timestamped.value();
        }
        return entry instanceof Product product ? product.getCategory() : UNKNOWN_CATEGORY;
    }
}
