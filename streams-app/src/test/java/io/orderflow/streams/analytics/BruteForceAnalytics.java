package io.orderflow.streams.analytics;

import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Refund;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipmentLine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures recomputed the slow and obvious way from a whole event log, for comparison with the
 * topology: each order's events are read in full, the contributions listed, and everything summed in
 * maps: the rolling buckets at the time of the approval, cancellation, return or amendment after
 * approval, each checked for lateness against the largest event time that arrived before it; days,
 * months and reports, every contribution, on the order's own date (an order counted, placed,
 * delivered, or taken out by an amendment after approval: the date it was counted on) or on the day
 * of the cancellation or return. Independent of the topology's code except for the documented
 * histogram bucketing.
 */
final class BruteForceAnalytics {

    /** One signed contribution of an order to one dimension value, in the order's currency. */
    record Contribution(String orderId, String dimension, String value, String currency, long at, LocalDate day,
                        long streamTime, long orders, long units, BigDecimal revenue) {
        String dimensionKey() {
            return dimension + "|" + value + "|" + currency;
        }

        String valueKey() {
            return value + "|" + currency;
        }
    }

    final Map<String, SalesFigures> daily = new TreeMap<>();
    final Map<String, SalesFigures> monthly = new TreeMap<>();
    final Map<String, SalesFigures> late = new TreeMap<>();
    final Map<String, Map<Long, SalesFigures>> minutes = new TreeMap<>();
    final Map<String, Map<Long, SalesFigures>> hours = new TreeMap<>();
    final Map<String, SalesFigures> monthlyByCustomer = new TreeMap<>();
    final Map<String, SalesFigures> monthlyByCategory = new TreeMap<>();
    final Map<String, CustomerStats> customers = new TreeMap<>();
    /** Each customer's class, from the thresholds, worked out here on its own. */
    final Map<String, CustomerClass> customerClasses = new TreeMap<>();
    final Map<String, Fulfilment> fulfilment = new TreeMap<>();
    final Map<String, List<Long>> cycles = new TreeMap<>();
    final Map<String, Cancellations> cancellations = new TreeMap<>();
    int lateRecords;
    /** Orders counted in a month that had ended (and its grace passed) before their approval arrived. */
    int countedInClosedMonths;
    /** Orders amended after their approval (taken out, counted again at the next approval). */
    int amendedAfterApproval;
    long finalStreamTime;
    /**
     * The latest business time of a sale delta the rolling minute figures took (a late one is kept out of them): the
     * rolling stores' own notion of "now". A late delta can be the latest of all when its order's events arrive days
     * after the others (a refund at the end of a return, say); the stores never saw its time.
     */
    long lastSaleAt;
    final List<Contribution> contributions = new ArrayList<>();

    private final ZoneId zone;
    private final Duration grace;
    private final long vipOrders;
    private final BigDecimal vipRevenue;
    private final long regularOrders;

    BruteForceAnalytics(ZoneId zone, Duration grace, long vipOrders, BigDecimal vipRevenue, long regularOrders) {
        this.zone = zone;
        this.grace = grace;
        this.vipOrders = vipOrders;
        this.vipRevenue = vipRevenue;
        this.regularOrders = regularOrders;
    }

    void run(List<OrderEvent> log, Map<String, String> categories) {
        long[] streamTimeAt = new long[log.size()];
        long max = Long.MIN_VALUE;
        Map<String, List<Integer>> byOrder = new LinkedHashMap<>();
        for (int i = 0; i < log.size(); i++) {
            max = Math.max(max, log.get(i).getAt().toEpochMilli());
            streamTimeAt[i] = max;
            byOrder.computeIfAbsent(log.get(i).getOrderId(), k -> new ArrayList<>()).add(i);
        }
        finalStreamTime = max;
        for (List<Integer> positions : byOrder.values()) {
            order(log, positions, streamTimeAt, categories);
        }
        for (Contribution c : contributions) {
            sum(c);
        }
        for (Map.Entry<String, SalesFigures> customer : totalsByCustomer().entrySet()) {
            SalesFigures f = customer.getValue();
            LocalDate first = null;
            LocalDate last = null;
            for (Contribution c : contributions) {
                if (c.dimension().equals("customer") && c.valueKey().equals(customer.getKey()) && c.orders() > 0) {
                    first = first == null || c.day().isBefore(first) ? c.day() : first;
                    last = last == null || c.day().isAfter(last) ? c.day() : last;
                }
            }
            CustomerClass cls = f.orders() >= vipOrders || f.revenue().compareTo(vipRevenue) >= 0 ? CustomerClass.VIP
                    : f.orders() >= regularOrders ? CustomerClass.REGULAR : CustomerClass.NEW;
            customers.put(customer.getKey(), new CustomerStats(f, first, last));
            customerClasses.put(customer.getKey(), cls);
        }
    }

    private Map<String, SalesFigures> totalsByCustomer() {
        Map<String, SalesFigures> totals = new TreeMap<>();
        for (Contribution c : contributions) {
            if (c.dimension().equals("customer")) {
                totals.merge(c.valueKey(), figures(c), SalesFigures::plus);
            }
        }
        return totals;
    }

    private void order(List<OrderEvent> log, List<Integer> positions, long[] streamTimeAt, Map<String, String> categories) {
        Integer approval = null;
        boolean approvedBefore = false;
        Integer cancellation = null;
        Long firstShipment = null;
        Map<String, Integer> returnedSoFar = new HashMap<>();
        BigDecimal returnedRevenue = BigDecimal.ZERO;
        BigDecimal closedShortRevenue = BigDecimal.ZERO;
        boolean delivered = false;
        for (int position : positions) {
            OrderEvent e = log.get(position);
            long at = e.getAt().toEpochMilli();
            String month = month(at);
            LocalDate orderDate = e.getOrder().getOrderDate();
            if (e.getFromStatus() == null && positions.get(0) == position) {
                cancellations.merge(YearMonth.from(orderDate).toString(), new Cancellations(1, 0), BruteForceAnalytics::plus);
            }
            boolean approves = e.getFromStatus() == OrderStatus.PENDING_REVIEW
                    && (e.getToStatus() == OrderStatus.APPROVED || e.getToStatus() == OrderStatus.AWAITING_STOCK);
            boolean amended = e.getToStatus() == OrderStatus.PENDING_REVIEW
                    && (e.getFromStatus() == OrderStatus.APPROVED || e.getFromStatus() == OrderStatus.AWAITING_STOCK);
            if (amended && approval != null && cancellation == null) {
                // out of the day the approved lines were booked on, counted again at the next approval
                OrderEvent approved = log.get(approval);
                lines(approved, -1, true, categories, streamTimeAt[position], at, approved.getOrder().getOrderDate());
                approval = null;
                approvedBefore = true;
                amendedAfterApproval++;
            }
            if (approves && approval == null) {
                boolean first = !approvedBefore;
                approval = position;
                lines(e, +1, true, categories, streamTimeAt[position], at, orderDate);
                long monthEnd = YearMonth.from(orderDate).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
                if (monthEnd + grace.toMillis() <= streamTimeAt[position]) {
                    countedInClosedMonths++;
                }
                if (first) {
                    cycles.computeIfAbsent(month + "|order-to-approval", k -> new ArrayList<>())
                            .add(at - e.getOrder().getCreatedAt().toEpochMilli());
                }
            }
            if (e.getToStatus() == OrderStatus.CANCELLED && cancellation == null) {
                cancellation = position;
                cancellations.merge(month, new Cancellations(0, 1), BruteForceAnalytics::plus);
                if (approval != null) {
                    // Take back the order as it was approved (lines cannot change after approval).
                    lines(log.get(approval), -1, true, categories, streamTimeAt[position], at, day(at));
                }
            }
            if (e.getFromStatus() == OrderStatus.PARTIALLY_SHIPPED && e.getToStatus() == OrderStatus.SHIPPED
                    && e.getOrder().getShortClosure() != null && approval != null && cancellation == null) {
                // Closed short: every line's units ordered and not shipped come out at their part of the net line.
                closedShortRevenue = unshipped(e, categories, at, streamTimeAt[position]);
            }
            if (e.getToStatus() == OrderStatus.RETURN_APPROVED && approval != null && cancellation == null) {
                Map<String, Integer> wanted = new HashMap<>();
                List<ShipmentLine> listed = e.getOrder().getReturnRequest().getLines();
                if (listed.isEmpty()) {
                    for (OrderLineState l : e.getOrder().getLines()) {
                        wanted.merge(l.getLine().getSku(), l.getShippedQuantity(), Integer::sum);
                    }
                } else {
                    for (ShipmentLine l : listed) {
                        wanted.merge(l.getSku(), l.getQuantity(), Integer::sum);
                    }
                }
                // Cap by what was approved and not yet returned, SKU by SKU.
                Map<String, Integer> approvedQty = new HashMap<>();
                for (OrderLineState l : log.get(approval).getOrder().getLines()) {
                    approvedQty.merge(l.getLine().getSku(), l.getLine().getQuantity(), Integer::sum);
                }
                Map<String, Integer> take = new HashMap<>();
                Map<String, Integer> before = new HashMap<>(returnedSoFar);
                for (Map.Entry<String, Integer> w : wanted.entrySet()) {
                    int left = approvedQty.getOrDefault(w.getKey(), 0) - returnedSoFar.getOrDefault(w.getKey(), 0);
                    int q = Math.min(w.getValue(), left);
                    if (q > 0) {
                        take.put(w.getKey(), q);
                        returnedSoFar.merge(w.getKey(), q, Integer::sum);
                    }
                }
                if (!take.isEmpty()) {
                    returnedRevenue = returnedRevenue.add(
                            returnLines(log.get(approval), before, take, categories, at, streamTimeAt[position]));
                }
            }
            List<Refund> refunds = e.getOrder().getRefunds();
            if (approval != null && !refunds.isEmpty()
                    && refunds.get(refunds.size() - 1).getRefundId().equals(e.getCommandId())) {
                // Refunds come out as far as they exceed what the cancellation, returns or short close took out.
                BigDecimal approved = BigDecimal.ZERO;
                for (long cents : netCents(log.get(approval).getOrder())) {
                    approved = approved.add(BigDecimal.valueOf(cents, 2));
                }
                BigDecimal out = cancellation != null ? approved : returnedRevenue.add(closedShortRevenue);
                BigDecimal after = refunds.stream().map(Refund::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal before = after.subtract(refunds.get(refunds.size() - 1).getAmount());
                BigDecimal now = after.subtract(out).max(BigDecimal.ZERO).subtract(before.subtract(out).max(BigDecimal.ZERO));
                if (now.signum() > 0) {
                    var order = e.getOrder();
                    String currency = order.getCurrency();
                    add(order.getOrderId(), "total", "all", currency, at, day(at), streamTimeAt[position], 0, 0,
                            now.negate());
                    add(order.getOrderId(), "channel", order.getChannel().name(), currency, at, day(at),
                            streamTimeAt[position], 0, 0, now.negate());
                    add(order.getOrderId(), "customer", order.getCustomer().getId(), currency, at, day(at),
                            streamTimeAt[position], 0, 0, now.negate());
                }
            }
            if ((e.getToStatus() == OrderStatus.PARTIALLY_SHIPPED || e.getToStatus() == OrderStatus.SHIPPED)
                    && firstShipment == null) {
                firstShipment = at;
                cycles.computeIfAbsent(month + "|approval-to-shipment", k -> new ArrayList<>())
                        .add(at - log.get(approval).getAt().toEpochMilli());
            }
            if (e.getToStatus() == OrderStatus.DELIVERED && !delivered) {
                delivered = true;
                long deliveredAt = e.getOrder().getDeliveredAt().toEpochMilli();
                String deliveryMonth = month(deliveredAt);
                String orderMonth = YearMonth.from(orderDate).toString();
                LocalDate expected = e.getOrder().getExpectedDeliveryDate();
                LocalDate promised = e.getOrder().getPromisedDeliveryDate() != null
                        ? e.getOrder().getPromisedDeliveryDate() : expected;
                LocalDate deliveredOn = LocalDate.ofInstant(Instant.ofEpochMilli(deliveredAt), zone);
                boolean onTime = !deliveredOn.isAfter(expected);
                Fulfilment one = new Fulfilment(1, onTime ? 1 : 0, deliveredOn.isAfter(promised) ? 0 : 1);
                fulfilment.merge(orderMonth + "|total|all", one, BruteForceAnalytics::plus);
                fulfilment.merge(orderMonth + "|channel|" + e.getOrder().getChannel(), one, BruteForceAnalytics::plus);
                e.getOrder().getShipments().stream().map(Shipment::getCarrier).distinct()
                        .forEach(c -> fulfilment.merge(orderMonth + "|carrier|" + c, one, BruteForceAnalytics::plus));
                cycles.computeIfAbsent(deliveryMonth + "|shipment-to-delivery", k -> new ArrayList<>())
                        .add(deliveredAt - firstShipment);
            }
        }
    }

    private void lines(OrderEvent approvalEvent, int sign, boolean countsOrder, Map<String, String> categories,
                       long streamTime, long at, LocalDate day) {
        var order = approvalEvent.getOrder();
        long orders = countsOrder ? sign : 0;
        Map<String, long[]> units = new LinkedHashMap<>();
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        long allUnits = 0;
        BigDecimal allRevenue = BigDecimal.ZERO;
        long[] net = netCents(order);
        for (int i = 0; i < order.getLines().size(); i++) {
            OrderLineState l = order.getLines().get(i);
            String sku = l.getLine().getSku();
            String category = categories.getOrDefault(sku, "unknown");
            long u = (long) sign * l.getLine().getQuantity();
            BigDecimal r = BigDecimal.valueOf(sign * net[i], 2);
            allUnits += u;
            allRevenue = allRevenue.add(r);
            for (String key : List.of("product|" + sku, "category|" + category)) {
                units.computeIfAbsent(key, k -> new long[1])[0] += u;
                revenue.merge(key, r, BigDecimal::add);
            }
        }
        addAll(order, at, day, streamTime, orders, allUnits, allRevenue, units, revenue);
    }

    /**
     * The lines' amounts in cents net of the order's discount: each line's share is discount × amount / total
     * rounded down to the cent, and the cents left over go one each to the lines with the largest remainders (the
     * first line first on a tie).
     */
    static long[] netCents(io.orderflow.avro.OrderState order) {
        int n = order.getLines().size();
        long[] amounts = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            amounts[i] = order.getLines().get(i).getLine().getAmount().movePointRight(2).longValueExact();
            total += amounts[i];
        }
        long discount = order.getDiscount() == null ? 0 : order.getDiscount().movePointRight(2).longValueExact();
        if (discount == 0 || total == 0) {
            return amounts;
        }
        long[] shares = new long[n];
        long[] remainders = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            shares[i] = discount * amounts[i] / total;
            remainders[i] = discount * amounts[i] % total;
            given += shares[i];
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byRemainder.add(i);
        }
        byRemainder.sort((a, b) -> remainders[a] != remainders[b] ? Long.compare(remainders[b], remainders[a])
                : Integer.compare(a, b));
        for (int k = 0; k < discount - given; k++) {
            shares[byRemainder.get(k)]++;
        }
        long[] net = new long[n];
        for (int i = 0; i < n; i++) {
            net[i] = amounts[i] - shares[i];
        }
        return net;
    }

    /** {@code units} of a line of {@code quantity} units worth {@code cents}: in proportion, half a cent up. */
    private static long worth(long cents, int quantity, int units) {
        return units >= quantity ? cents : (cents * units * 2 + quantity) / (2L * quantity);
    }

    private BigDecimal returnLines(OrderEvent approvalEvent, Map<String, Integer> returnedBefore,
                                   Map<String, Integer> take, Map<String, String> categories, long at, long streamTime) {
        var order = approvalEvent.getOrder();
        long[] net = netCents(order);
        Map<String, Integer> earlier = new HashMap<>(returnedBefore);
        Map<String, Integer> left = new HashMap<>(take);
        Map<String, long[]> units = new LinkedHashMap<>();
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        long allUnits = 0;
        BigDecimal allRevenue = BigDecimal.ZERO;
        for (int i = 0; i < order.getLines().size(); i++) {
            OrderLineState l = order.getLines().get(i);
            String sku = l.getLine().getSku();
            int quantity = l.getLine().getQuantity();
            // earlier returns of the SKU came off its first lines first
            int gone = Math.min(earlier.getOrDefault(sku, 0), quantity);
            earlier.merge(sku, -gone, Integer::sum);
            int q = Math.min(left.getOrDefault(sku, 0), quantity - gone);
            if (q <= 0) {
                continue;
            }
            left.merge(sku, -q, Integer::sum);
            String category = categories.getOrDefault(sku, "unknown");
            long cents = worth(net[i], quantity, quantity - gone) - worth(net[i], quantity, quantity - gone - q);
            BigDecimal r = BigDecimal.valueOf(-cents, 2);
            allUnits -= q;
            allRevenue = allRevenue.add(r);
            for (String key : List.of("product|" + sku, "category|" + category)) {
                units.computeIfAbsent(key, k -> new long[1])[0] -= q;
                revenue.merge(key, r, BigDecimal::add);
            }
        }
        LocalDate day = day(at);
        addAll(order, at, day, streamTime, 0, allUnits, allRevenue, units, revenue);
        return allRevenue.negate();
    }

    private BigDecimal unshipped(OrderEvent closed, Map<String, String> categories, long at, long streamTime) {
        var order = closed.getOrder();
        Map<String, long[]> units = new LinkedHashMap<>();
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        long allUnits = 0;
        BigDecimal allRevenue = BigDecimal.ZERO;
        long[] net = netCents(order);
        for (int i = 0; i < order.getLines().size(); i++) {
            OrderLineState l = order.getLines().get(i);
            int quantity = l.getLine().getQuantity();
            int q = quantity - l.getShippedQuantity();
            if (q <= 0) {
                continue;
            }
            String sku = l.getLine().getSku();
            String category = categories.getOrDefault(sku, "unknown");
            // the last units of the line: what it is worth less what its shipped units are worth
            BigDecimal r = BigDecimal.valueOf(-(net[i] - worth(net[i], quantity, quantity - q)), 2);
            allUnits -= q;
            allRevenue = allRevenue.add(r);
            for (String key : List.of("product|" + sku, "category|" + category)) {
                units.computeIfAbsent(key, k -> new long[1])[0] -= q;
                revenue.merge(key, r, BigDecimal::add);
            }
        }
        if (allUnits == 0) {
            return BigDecimal.ZERO;
        }
        LocalDate day = day(at);
        addAll(order, at, day, streamTime, 0, allUnits, allRevenue, units, revenue);
        return allRevenue.negate();
    }

    /** The whole order's part on total, channel and customer, each product's and category's on its own key. */
    private void addAll(io.orderflow.avro.OrderState order, long at, LocalDate day, long streamTime, long orders,
                        long allUnits, BigDecimal allRevenue, Map<String, long[]> units, Map<String, BigDecimal> revenue) {
        String id = order.getOrderId();
        String currency = order.getCurrency();
        add(id, "total", "all", currency, at, day, streamTime, orders, allUnits, allRevenue);
        add(id, "channel", order.getChannel().name(), currency, at, day, streamTime, orders, allUnits, allRevenue);
        add(id, "customer", order.getCustomer().getId(), currency, at, day, streamTime, orders, allUnits, allRevenue);
        for (String key : units.keySet()) {
            String[] parts = key.split("\\|", 2);
            add(id, parts[0], parts[1], currency, at, day, streamTime, orders, units.get(key)[0], revenue.get(key));
        }
    }

    private void add(String orderId, String dimension, String value, String currency, long at, LocalDate day,
                     long streamTime, long orders, long units, BigDecimal revenue) {
        contributions.add(new Contribution(orderId, dimension, value, currency, at, day, streamTime, orders, units,
                revenue));
    }

    private void sum(Contribution c) {
        SalesFigures f = figures(c);
        String key = c.dimensionKey();
        long minute = Instant.ofEpochMilli(c.at()).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        long hour = Instant.ofEpochMilli(c.at()).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
        String day = c.day().toString();
        String month = YearMonth.from(c.day()).toString();
        long g = grace.toMillis();

        if (minute + Duration.ofHours(1).toMillis() + g <= c.streamTime()) {
            late.merge("MINUTE|" + key + "|" + Instant.ofEpochMilli(minute), f, SalesFigures::plus);
            lateRecords++;
        } else {
            minutes.computeIfAbsent(key, k -> new TreeMap<>()).merge(minute, f, SalesFigures::plus);
            lastSaleAt = Math.max(lastSaleAt, c.at());
        }
        if (hour + Duration.ofDays(7).toMillis() + g <= c.streamTime()) {
            late.merge("HOUR|" + key + "|" + Instant.ofEpochMilli(hour), f, SalesFigures::plus);
            lateRecords++;
        } else {
            hours.computeIfAbsent(key, k -> new TreeMap<>()).merge(hour, f, SalesFigures::plus);
        }
        daily.merge(key + "|" + day, f, SalesFigures::plus);
        monthly.merge(key + "|" + month, f, SalesFigures::plus);
        if (c.dimension().equals("customer")) {
            monthlyByCustomer.merge(month + "|" + c.valueKey(), f, SalesFigures::plus);
        }
        if (c.dimension().equals("category")) {
            monthlyByCategory.merge(month + "|" + c.valueKey(), f, SalesFigures::plus);
        }
    }

    private String month(long at) {
        return YearMonth.from(day(at)).toString();
    }

    private LocalDate day(long at) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(at), zone);
    }

    private static SalesFigures figures(Contribution c) {
        return new SalesFigures(c.orders(), c.units(), c.revenue());
    }

    private static Cancellations plus(Cancellations a, Cancellations b) {
        return new Cancellations(a.placed() + b.placed(), a.cancelled() + b.cancelled());
    }

    private static Fulfilment plus(Fulfilment a, Fulfilment b) {
        return new Fulfilment(a.delivered() + b.delivered(), a.onTime() + b.onTime(),
                a.onTimeToFirstPromise() + b.onTimeToFirstPromise());
    }

    /** Exact nearest-rank percentile of a list of durations. */
    static long exactPercentile(List<Long> values, double q) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((int) CycleTimes.rank(q, sorted.size()) - 1);
    }
}
