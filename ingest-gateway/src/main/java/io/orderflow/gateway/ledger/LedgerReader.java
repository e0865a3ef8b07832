package io.orderflow.gateway.ledger;

import io.orderflow.avro.Channel;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.contract.OrderLimits;
import io.orderflow.gateway.api.OrderRequests.CustomerBody;
import io.orderflow.gateway.api.OrderRequests.LineBody;
import io.orderflow.gateway.api.OrderRequests.OrderBody;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an order ledger as shops keep it (one row per order line; rows with the same order id form one order)
 * into orders. Headers in English or as in the source documents' Chinese (订单编号, 客户名称, 商品名称, 数量,
 * 单价...), a bracketed unit such as {@code 单价(元)} ignored. Every row is checked; a bad row is reported with
 * its line, column and reason, and the order it belongs to is left out.
 */
public final class LedgerReader {

    /**
     * The columns of the ledger ({@code docs/domain.md}, "Limits": ledger import), each with the headers it is
     * recognised by.
     */
    public enum Column {
        ORDER_ID("orderId", "order id", "订单编号", "订单号", "单号"),
        ORDER_DATE("orderDate", "order date", "下单日期", "订单日期", "日期"),
        CHANNEL("channel", "渠道", "销售渠道", "订单来源"),
        CUSTOMER_ID("customerId", "customer id", "客户编号", "客户编码", "客户id"),
        CUSTOMER_NAME("customerName", "customer name", "customer", "客户名称", "客户", "客户姓名"),
        CONTACT_NAME("contactName", "contact name", "contact", "联系人"),
        PHONE("phone", "联系电话", "电话", "手机", "手机号"),
        ADDRESS("address", "收货地址", "地址", "送货地址"),
        SKU("sku", "商品编号", "商品编码", "产品编号", "产品编码", "货号"),
        PRODUCT_NAME("productName", "product name", "product", "商品名称", "产品名称", "品名"),
        SPEC("spec", "specification", "规格型号", "规格", "型号"),
        QUANTITY("quantity", "qty", "数量"),
        UNIT_PRICE("unitPrice", "unit price", "price", "单价"),
        AMOUNT("amount", "金额", "总金额", "小计"),
        EXPECTED_DELIVERY_DATE("expectedDeliveryDate", "expected delivery date", "delivery date", "交货日期",
                "预计交货日期", "要求交货日期", "交付日期"),
        PAYMENT_METHOD("paymentMethod", "payment method", "付款方式", "支付方式", "结算方式"),
        NOTES("notes", "note", "remarks", "备注", "特殊要求"),
        CURRENCY("currency", "币种"),
        DISCOUNT("discount", "折扣", "优惠"),
        SHIPPED_QUANTITY("shippedQuantity", "shipped quantity", "shipped", "已发货数量", "发货数量"),
        // the status and execution columns: a ledger that has 订单状态 is imported in its statuses (LedgerState)
        STATUS("status", "订单状态", "状态"),
        REVIEWER("reviewer", "审核人"),
        REVIEWED_AT("reviewedAt", "reviewed at", "审核时间", "审核日期"),
        SHIPPED_AT("shippedAt", "shipped at", "发货日期", "发货时间"),
        TRACKING("tracking", "物流信息", "物流单号", "快递单号"),
        DELIVERED_AT("deliveredAt", "delivered at", "实际交付日期", "实际交货日期", "签收日期"),
        PAYMENT_STATUS("paymentStatus", "payment status", "付款状态", "支付状态"),
        PAID_AMOUNT("paidAmount", "paid amount", "paid", "已付款", "已付金额", "已收款"),
        EXCEPTION_NOTE("exceptionNote", "exception note", "异常说明", "异常备注"),
        OWNER("owner", "负责人", "跟进人"),
        CREATED_BY("createdBy", "created by", "创建人", "录入人"),
        CREATED_AT("createdAt", "created at", "创建时间", "录入时间"),
        UPDATED_AT("updatedAt", "updated at", "更新时间");

        private final List<String> headers;

        Column(String... headers) {
            this.headers = List.of(headers);
        }
    }

    /** A problem with one cell (or row, when column is null). */
    public record RowProblem(int line, String column, String reason) {
    }

    /**
     * One order of the ledger: its lines' numbers, the body to place, the rows' content for the hash, and what
     * the ledger says happened to it (null when the ledger has no status column: the order is placed as new).
     */
    public record LedgerOrder(List<Integer> lines, OrderBody body, String content, LedgerState state) {
    }

    public record Result(int rows, List<LedgerOrder> orders, List<RowProblem> problems) {
    }

    /** Order statuses by their enum name and their Chinese label on the order desk. */
    private static final Map<String, OrderStatus> STATUSES = new HashMap<>();
    private static final Map<String, PaymentStatus> PAYMENT_STATUSES = new HashMap<>();

    static {
        for (OrderStatus status : OrderStatus.values()) {
            STATUSES.put(status.name(), status);
        }
        Map.ofEntries(Map.entry("待审核", OrderStatus.PENDING_REVIEW), Map.entry("已退回修改", OrderStatus.RETURNED),
                Map.entry("待补货", OrderStatus.AWAITING_STOCK), Map.entry("已审核", OrderStatus.APPROVED),
                Map.entry("部分发货", OrderStatus.PARTIALLY_SHIPPED), Map.entry("已发货", OrderStatus.SHIPPED),
                Map.entry("运输中", OrderStatus.IN_TRANSIT), Map.entry("已送达", OrderStatus.DELIVERED),
                Map.entry("已完成", OrderStatus.COMPLETED), Map.entry("服务已排期", OrderStatus.SERVICE_SCHEDULED),
                Map.entry("已取消", OrderStatus.CANCELLED), Map.entry("退货申请中", OrderStatus.RETURN_REQUESTED),
                Map.entry("退货已批准", OrderStatus.RETURN_APPROVED), Map.entry("退货已拒绝", OrderStatus.RETURN_REJECTED),
                Map.entry("退货已入库", OrderStatus.RETURNED_GOODS_RECEIVED),
                Map.entry("换货已发出", OrderStatus.EXCHANGE_SHIPPED)).forEach(STATUSES::put);
        STATUSES.remove(OrderStatus.UNKNOWN.name());
        for (PaymentStatus status : List.of(PaymentStatus.UNPAID, PaymentStatus.PARTIALLY_PAID, PaymentStatus.PAID)) {
            PAYMENT_STATUSES.put(status.name(), status);
        }
        PAYMENT_STATUSES.put("未付款", PaymentStatus.UNPAID);
        PAYMENT_STATUSES.put("部分付款", PaymentStatus.PARTIALLY_PAID);
        PAYMENT_STATUSES.put("已付款", PaymentStatus.PAID);
    }

    private static final Pattern BRACKETED = Pattern.compile("[(（\\[【].*?[)）\\]】]");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern MONEY =
            Pattern.compile("-?\\d{1," + OrderLimits.UNIT_PRICE.integerDigits() + "}(\\.\\d+)?");

    private LedgerReader() {
    }

    /** The column each header names; unknown headers are ignored. Fails when a needed column is missing. */
    public static Map<Column, Integer> columns(List<String> header) throws SheetFormatException {
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            String name = normalise(header.get(i));
            for (Column column : Column.values()) {
                if (!columns.containsKey(column) && column.headers.stream().anyMatch(h -> normalise(h).equals(name))) {
                    columns.put(column, i);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        if (!columns.containsKey(Column.CUSTOMER_NAME)) {
            missing.add("customerName/客户名称");
        }
        if (!columns.containsKey(Column.SKU) && !columns.containsKey(Column.PRODUCT_NAME)) {
            missing.add("sku/商品编号 or productName/商品名称");
        }
        if (!columns.containsKey(Column.QUANTITY)) {
            missing.add("quantity/数量");
        }
        if (!columns.containsKey(Column.UNIT_PRICE)) {
            missing.add("unitPrice/单价");
        }
        if (!missing.isEmpty()) {
            throw new SheetFormatException("the header lacks the columns " + String.join(", ", missing));
        }
        return columns;
    }

    /** Whether the ledger's orders come with their status (订单状态): importing them so is an administrator's. */
    public static boolean hasStatus(Map<Column, Integer> columns) {
        return columns.containsKey(Column.STATUS);
    }

    /** Reads the ledger; times without a zone (2026-11-22 16:00) are read in {@code zone}. */
    public static Result read(Sheet sheet, LocalDate today, ZoneId zone) throws SheetFormatException {
        Orders stream = orders(RowStream.of(sheet), today, zone);
        List<LedgerOrder> orders = new ArrayList<>();
        for (LedgerOrder order; (order = stream.next()) != null; ) {
            orders.add(order);
        }
        List<RowProblem> problems = new ArrayList<>(stream.problems());
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Result(stream.rowsRead(), orders, problems);
    }

    /** The orders of {@code rows} as a stream; fails at once when the header lacks a needed column. */
    public static Orders orders(RowStream rows, LocalDate today, ZoneId zone) throws SheetFormatException {
        return new Orders(rows, columns(rows.header()), today, zone);
    }

    /**
     * The orders of a ledger read one at a time, holding the rows of one order (and the row after it) and no more:
     * a ledger of any length imports in bounded memory. The rows of one order must be next to each other, as the
     * export writes them; a row of an order whose rows ended above is refused. Bad rows and orders are collected
     * in {@link #problems()}, in the order they are found.
     */
    public static final class Orders {
        private final RowStream rows;
        private final Map<Column, Integer> columns;
        private final List<String> header;
        private final LocalDate today;
        private final ZoneId zone;
        private final List<RowProblem> problems = new ArrayList<>();
        /** The ids of the orders whose rows have ended, with the line of their first row. */
        private final Map<String, Integer> ended = new HashMap<>();
        private Parsed lookahead;
        private int rowsRead;
        private int mostRowsHeld;

        private Orders(RowStream rows, Map<Column, Integer> columns, LocalDate today, ZoneId zone) {
            this.rows = rows;
            this.columns = columns;
            this.header = rows.header();
            this.today = today;
            this.zone = zone;
        }

        public boolean hasStatus() {
            return LedgerReader.hasStatus(columns);
        }

        /** The next good order, or null once the ledger is read. */
        public LedgerOrder next() throws SheetFormatException {
            for (List<Parsed> group; (group = nextGroup()) != null; ) {
                LedgerOrder order = order(group);
                if (order != null) {
                    return order;
                }
            }
            return null;
        }

        public List<RowProblem> problems() {
            return problems;
        }

        /** Data rows read so far. */
        public int rowsRead() {
            return rowsRead;
        }

        /** The most rows held at once (an order's and the one read past it): what bounds the memory of a read. */
        public int mostRowsHeld() {
            return mostRowsHeld;
        }

        private Parsed read() throws SheetFormatException {
            if (lookahead != null) {
                Parsed next = lookahead;
                lookahead = null;
                return next;
            }
            Sheet.Row row = rows.next();
            if (row == null) {
                return null;
            }
            rowsRead++;
            return parse(row, columns, header, today, zone, problems);
        }

        /** The rows of the next order: rows with the same order id next to each other, or one row without. */
        private List<Parsed> nextGroup() throws SheetFormatException {
            List<Parsed> group = new ArrayList<>();
            for (Parsed p; (p = read()) != null; ) {
                if (group.isEmpty()) {
                    Integer earlier = p.orderId == null ? null : ended.get(p.orderId);
                    if (earlier != null) {
                        problems.add(new RowProblem(p.line, header(header, columns, Column.ORDER_ID), "the rows of"
                                + " order " + p.orderId + " must be next to each other; its rows from line " + earlier
                                + " ended above"));
                        continue;
                    }
                    group.add(p);
                    if (p.orderId == null) {
                        break;
                    }
                } else if (p.orderId != null && p.orderId.equals(group.get(0).orderId)) {
                    // past the most lines an order may have, its further rows are read, not kept
                    if (group.size() <= OrderLimits.MAX_LINES) {
                        group.add(p);
                    }
                } else {
                    lookahead = p;
                    break;
                }
                mostRowsHeld = Math.max(mostRowsHeld, group.size() + (lookahead == null ? 0 : 1));
            }
            mostRowsHeld = Math.max(mostRowsHeld, group.size() + (lookahead == null ? 0 : 1));
            if (group.isEmpty()) {
                return null;
            }
            if (group.get(0).orderId != null) {
                ended.put(group.get(0).orderId, group.get(0).line);
            }
            return group;
        }

        /** The order of a group of rows, or null (and its problems) when it cannot be placed. */
        private LedgerOrder order(List<Parsed> rows) {
            Parsed first = rows.get(0);
            boolean bad = rows.stream().anyMatch(p -> !p.ok);
            for (Parsed p : rows.subList(1, rows.size())) {
                Column differs = !p.ok || !first.ok ? null
                        : !p.customerName.equals(first.customerName) ? Column.CUSTOMER_NAME
                        : p.status != first.status ? Column.STATUS : null;
                if (differs != null) {
                    problems.add(new RowProblem(p.line, header(header, columns, differs),
                            "differs from line " + first.line + " of the same order"));
                    p.ok = false;
                    bad = true;
                }
            }
            if (bad) {
                for (Parsed p : rows) {
                    if (p.ok) {
                        problems.add(new RowProblem(p.line, null, "left out: another row of the same order is invalid"));
                    }
                }
                return null;
            }
            if (rows.size() > OrderLimits.MAX_LINES) {
                problems.add(new RowProblem(first.line, null, "an order may have at most " + OrderLimits.MAX_LINES
                        + " lines"));
                return null;
            }
            List<LineBody> lines = rows.stream().map(p -> p.lineBody).toList();
            BigDecimal total = lines.stream().map(LineBody::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (!OrderLimits.TOTAL.fits(total)) {
                problems.add(new RowProblem(first.line, null, "the order's total must be at most "
                        + OrderLimits.TOTAL.max().toPlainString()));
                return null;
            }
            if (first.discount != null && first.discount.compareTo(total) > 0) {
                problems.add(new RowProblem(first.line, header(header, columns, Column.DISCOUNT),
                        "must be at most the sum of the order's lines (" + total.toPlainString() + ")"));
                return null;
            }
            LedgerState state = null;
            if (hasStatus()) {
                BigDecimal net = first.discount == null ? total : total.subtract(first.discount);
                Optional<BigDecimal> paid = paid(first, net, header(header, columns, Column.PAID_AMOUNT), problems);
                if (paid == null) {
                    return null;
                }
                Map<String, Integer> shipped = new LinkedHashMap<>();
                rows.forEach(p -> {
                    if (p.shipped != null && p.shipped > 0) {
                        shipped.merge(p.lineBody.sku(), p.shipped, Integer::sum);
                    }
                });
                state = new LedgerState(first.status, first.reviewer, first.reviewedAt, shipped, first.shippedAt,
                        first.parcels, first.deliveredAt, paid.orElse(null), first.exceptionNote, first.owner,
                        first.createdBy, first.createdAt, first.updatedAt);
            }
            OrderBody body = new OrderBody(first.orderId, null, first.channel, first.orderDate, first.expected,
                    first.customer, first.payment, first.currency, first.discount, first.notes, lines);
            StringBuilder content = new StringBuilder();
            rows.forEach(p -> content.append(String.join("\u001f", p.cells)).append('\u001e'));
            return new LedgerOrder(rows.stream().map(p -> p.line).toList(), body, content.toString(), state);
        }
    }

    /**
     * What the order's customer has paid: 已付款, or the total for 付款状态 PAID; empty for none said; null (and a
     * problem) when the two disagree or the amount is past the total.
     */
    private static Optional<BigDecimal> paid(Parsed first, BigDecimal total, String column, List<RowProblem> problems) {
        BigDecimal paid = first.paidAmount;
        PaymentStatus status = first.paymentStatus;
        if (paid != null && paid.compareTo(total) > 0) {
            problems.add(new RowProblem(first.line, column, "must be at most the order's total ("
                    + total.toPlainString() + ")"));
            return null;
        }
        if (status == null) {
            return Optional.ofNullable(paid);
        }
        if (paid == null) {
            return switch (status) {
                case PAID -> Optional.of(total);
                case UNPAID -> Optional.empty();
                default -> {
                    problems.add(new RowProblem(first.line, column, "is required when the payment status is "
                            + status));
                    yield null;
                }
            };
        }
        boolean agrees = switch (status) {
            case PAID -> paid.compareTo(total) == 0;
            case UNPAID -> paid.signum() == 0;
            default -> paid.signum() > 0 && paid.compareTo(total) < 0;
        };
        if (!agrees) {
            problems.add(new RowProblem(first.line, column, "disagrees with the payment status " + status
                    + " (the order's total is " + total.toPlainString() + ")"));
            return null;
        }
        return Optional.of(paid);
    }

    private static final class Parsed {
        int line;
        boolean ok = true;
        List<String> cells;
        String orderId;
        LocalDate orderDate;
        LocalDate expected;
        Channel channel;
        PaymentMethod payment;
        String currency;
        String notes;
        String customerName;
        CustomerBody customer;
        LineBody lineBody;
        BigDecimal discount;
        Integer shipped;
        OrderStatus status;
        String reviewer;
        Instant reviewedAt;
        Instant shippedAt;
        List<LedgerState.Parcel> parcels = List.of();
        Instant deliveredAt;
        PaymentStatus paymentStatus;
        BigDecimal paidAmount;
        String exceptionNote;
        String owner;
        String createdBy;
        Instant createdAt;
        Instant updatedAt;
    }

    private static Parsed parse(Sheet.Row row, Map<Column, Integer> columns, List<String> header, LocalDate today,
            ZoneId zone, List<RowProblem> problems) {
        Parsed p = new Parsed();
        p.line = row.line();
        p.cells = row.cells();
        Cells c = new Cells(row, columns, header, problems, zone);
        p.orderId = c.id(Column.ORDER_ID, false);
        p.orderDate = c.date(Column.ORDER_DATE);
        p.expected = c.date(Column.EXPECTED_DELIVERY_DATE);
        p.channel = c.channel();
        p.payment = c.payment();
        String currency = c.text(Column.CURRENCY, false, 3);
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            c.problem(Column.CURRENCY, "must be an ISO 4217 code such as CNY");
        }
        p.currency = currency == null ? "CNY" : currency;
        p.notes = c.text(Column.NOTES, false, 2000);
        p.customerName = c.text(Column.CUSTOMER_NAME, true, 200);
        String customerId = c.text(Column.CUSTOMER_ID, false, 64);
        String contact = c.text(Column.CONTACT_NAME, false, 200);
        String phone = c.text(Column.PHONE, false, 32);
        if (phone != null && !phone.matches("[0-9+\\-() ]{3,32}")) {
            c.problem(Column.PHONE, "must be 3-32 digits, spaces or + - ( )");
        }
        String address = c.text(Column.ADDRESS, false, 500);
        String productName = c.text(Column.PRODUCT_NAME, false, 200);
        String sku = c.text(Column.SKU, false, 64);
        if (sku == null) {
            sku = productName;
        }
        if (sku == null) {
            c.problem(columns.containsKey(Column.SKU) ? Column.SKU : Column.PRODUCT_NAME, "is required");
        }
        String spec = c.text(Column.SPEC, false, 200);
        Integer quantity = c.quantity();
        BigDecimal unitPrice = c.money(Column.UNIT_PRICE, true);
        BigDecimal amount = c.money(Column.AMOUNT, false);
        p.discount = c.money(Column.DISCOUNT, false);
        p.shipped = c.count(Column.SHIPPED_QUANTITY);
        if (hasStatus(columns)) {
            p.status = c.status();
            p.reviewer = c.text(Column.REVIEWER, false, 64);
            p.reviewedAt = c.instant(Column.REVIEWED_AT);
            p.shippedAt = c.instant(Column.SHIPPED_AT);
            p.parcels = c.parcels();
            p.deliveredAt = c.instant(Column.DELIVERED_AT);
            p.paymentStatus = c.paymentStatus();
            p.paidAmount = c.money(Column.PAID_AMOUNT, false);
            p.exceptionNote = c.text(Column.EXCEPTION_NOTE, false, 2000);
            p.owner = c.text(Column.OWNER, false, 200);
            p.createdBy = c.text(Column.CREATED_BY, false, 64);
            p.createdAt = c.instant(Column.CREATED_AT);
            p.updatedAt = c.instant(Column.UPDATED_AT);
        }
        p.ok = c.ok;
        if (!p.ok || quantity == null || unitPrice == null || sku == null || p.customerName == null) {
            p.ok = false;
            return p;
        }
        BigDecimal computed = unitPrice.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.UNNECESSARY);
        if (!OrderLimits.LINE_AMOUNT.fits(computed)) {
            c.problem(Column.AMOUNT, "quantity × unitPrice must be at most "
                    + OrderLimits.LINE_AMOUNT.max().toPlainString());
            p.ok = false;
            return p;
        }
        if (amount != null && amount.compareTo(computed) != 0) {
            c.problem(Column.AMOUNT, "must equal quantity × unitPrice (" + computed.toPlainString() + ")");
            p.ok = false;
            return p;
        }
        if (p.shipped != null && p.shipped > quantity) {
            c.problem(Column.SHIPPED_QUANTITY, "must be at most the quantity (" + quantity + ")");
            p.ok = false;
            return p;
        }
        p.customer = new CustomerBody(customerId == null ? p.customerName : customerId, p.customerName, contact, phone,
                address);
        p.lineBody = new LineBody(sku, productName, spec, quantity, unitPrice, computed, true, LineKind.GOODS, null,
                null);
        return p;
    }

    private static String header(List<String> header, Map<Column, Integer> columns, Column column) {
        Integer index = columns.get(column);
        return index == null ? column.headers.get(0) : header.get(index).strip();
    }

    static String normalise(String header) {
        String h = header == null ? "" : header.replace("\uFEFF", "");
        h = BRACKETED.matcher(h).replaceAll("");
        return h.replaceAll("[\\s_*:：]", "").toLowerCase(Locale.ROOT);
    }

    /** Reads the cells of one row, collecting problems by the column's header as the file spells it. */
    private static final class Cells {
        private final Sheet.Row row;
        private final Map<Column, Integer> columns;
        private final List<String> header;
        private final List<RowProblem> problems;
        private final ZoneId zone;
        boolean ok = true;

        Cells(Sheet.Row row, Map<Column, Integer> columns, List<String> header, List<RowProblem> problems,
                ZoneId zone) {
            this.row = row;
            this.columns = columns;
            this.header = header;
            this.problems = problems;
            this.zone = zone;
        }

        /** A time: an ISO instant as the export writes it, a local date and time, a date, or an XLSX serial. */
        Instant instant(Column column) {
            String value = text(column, false, 40);
            if (value == null) {
                return null;
            }
            try {
                if (value.matches("\\d{5}(\\.\\d+)?")) {
                    BigDecimal serial = new BigDecimal(value);
                    long days = serial.longValue();
                    long seconds = serial.subtract(BigDecimal.valueOf(days)).multiply(BigDecimal.valueOf(86_400))
                            .setScale(0, RoundingMode.HALF_UP).longValue();
                    return LocalDate.of(1899, 12, 30).plusDays(days).atStartOfDay(zone).plusSeconds(seconds)
                            .toInstant();
                }
                Matcher date = DATE.matcher(value);
                if (date.matches()) {
                    return LocalDate.of(Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)),
                            Integer.parseInt(date.group(3))).atStartOfDay(zone).toInstant();
                }
                String iso = value.replace(' ', 'T');
                if (iso.matches(".*(Z|[+-]\\d{2}:?\\d{2})$")) {
                    return OffsetDateTime.parse(iso).toInstant();
                }
                return LocalDateTime.parse(iso).atZone(zone).toInstant();
            } catch (DateTimeException | NumberFormatException e) {
                problem(column, "is not a time (use 2026-11-22T08:00:00Z or 2026-11-22 16:00)");
                return null;
            }
        }

        /** A count not below zero (已发货数量), null when blank. */
        Integer count(Column column) {
            String value = text(column, false, 20);
            if (value == null) {
                return null;
            }
            try {
                BigDecimal number = new BigDecimal(value.replace(",", ""));
                if (number.signum() < 0 || number.stripTrailingZeros().scale() > 0
                        || number.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                    problem(column, "must be a whole number from 0 to 1000000");
                    return null;
                }
                return number.intValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                problem(column, "is not a number");
                return null;
            }
        }

        /** 订单状态 as the export writes it (PENDING_REVIEW) or as the desk shows it (待审核); blank: PENDING_REVIEW. */
        OrderStatus status() {
            String value = raw(Column.STATUS);
            if (value == null) {
                return OrderStatus.PENDING_REVIEW;
            }
            OrderStatus status = STATUSES.get(value.toUpperCase(Locale.ROOT).replace(' ', '_'));
            if (status == null) {
                problem(Column.STATUS, "is not an order status (PENDING_REVIEW, APPROVED, SHIPPED, DELIVERED, "
                        + "COMPLETED, CANCELLED, ... or 待审核, 已审核, 已发货, 已送达, 已完成, 已取消, ...)");
                return null;
            }
            if (!LedgerState.IMPORTABLE.contains(status)) {
                problem(Column.STATUS, "an order cannot be imported as " + status + "; it can as "
                        + LedgerState.IMPORTABLE + " (a return: import the order as DELIVERED or COMPLETED and"
                        + " request the return)");
                return null;
            }
            return status;
        }

        PaymentStatus paymentStatus() {
            String value = raw(Column.PAYMENT_STATUS);
            if (value == null) {
                return null;
            }
            PaymentStatus status = PAYMENT_STATUSES.get(value.toUpperCase(Locale.ROOT).replace(' ', '_'));
            if (status == null) {
                problem(Column.PAYMENT_STATUS, "must be UNPAID, PARTIALLY_PAID or PAID (or 未付款, 部分付款, 已付款)");
            }
            return status;
        }

        /** 物流信息: parcels as {@code carrier trackingNumber}, separated by {@code ;}. */
        List<LedgerState.Parcel> parcels() {
            String value = text(Column.TRACKING, false, 2000);
            if (value == null) {
                return List.of();
            }
            List<LedgerState.Parcel> parcels = new ArrayList<>();
            for (String part : value.split("[;；\\n]")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] words = part.strip().split("[\\s:：]+");
                if (words.length != 2 || words[0].length() > 64 || words[1].length() > 64) {
                    problem(Column.TRACKING, "write each parcel as 'carrier trackingNumber' (SF SF1002003),"
                            + " separated by ;");
                    return List.of();
                }
                parcels.add(new LedgerState.Parcel(words[0], words[1]));
            }
            return List.copyOf(parcels);
        }

        void problem(Column column, String reason) {
            Integer index = columns.get(column);
            problems.add(new RowProblem(row.line(), index == null ? column.headers.get(0) : header.get(index).strip(),
                    reason));
            ok = false;
        }

        String raw(Column column) {
            Integer index = columns.get(column);
            String value = index == null ? null : row.cell(index);
            return value == null || value.isBlank() ? null : value.strip();
        }

        String text(Column column, boolean required, int max) {
            String value = raw(column);
            if (value == null) {
                if (required) {
                    problem(column, "is required");
                }
                return null;
            }
            if (value.length() > max) {
                problem(column, "must be at most " + max + " characters");
                return null;
            }
            if (value.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\t' && ch != '\r')) {
                problem(column, "must not contain control characters");
                return null;
            }
            return value;
        }

        String id(Column column, boolean required) {
            String value = text(column, required, 64);
            if (value != null && !ID.matcher(value).matches()) {
                problem(column, "must be 1-64 letters, digits or . _ : - and start with a letter or digit");
                return null;
            }
            return value;
        }

        LocalDate date(Column column) {
            String value = text(column, false, 40);
            if (value == null) {
                return null;
            }
            try {
                Matcher m = DATE.matcher(value);
                if (m.matches()) {
                    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
                }
                if (value.matches("\\d{5}(\\.0+)?")) {
                    // An XLSX date cell: days since 1899-12-30.
                    return LocalDate.of(1899, 12, 30).plusDays(Long.parseLong(value.replaceAll("\\..*", "")));
                }
            } catch (DateTimeException | NumberFormatException e) {
                problem(column, "is not a date");
                return null;
            }
            problem(column, "is not a date (use 2026-11-30)");
            return null;
        }

        Integer quantity() {
            String value = text(Column.QUANTITY, true, 20);
            if (value == null) {
                return null;
            }
            try {
                BigDecimal number = new BigDecimal(value.replace(",", ""));
                if (number.signum() <= 0) {
                    problem(Column.QUANTITY, "must be positive");
                    return null;
                }
                if (number.stripTrailingZeros().scale() > 0 || number.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                    problem(Column.QUANTITY, "must be a whole number up to 1000000");
                    return null;
                }
                return number.intValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                problem(Column.QUANTITY, "is not a number");
                return null;
            }
        }

        BigDecimal money(Column column, boolean required) {
            String value = text(column, required, 40);
            if (value == null) {
                return null;
            }
            String plain = value.replaceAll("[¥￥,\\s]|CNY|RMB|元", "");
            if (!MONEY.matcher(plain).matches()) {
                problem(column, "is not an amount (use 12.50)");
                return null;
            }
            BigDecimal amount = new BigDecimal(plain);
            BigDecimal rounded = amount.setScale(2, RoundingMode.HALF_UP);
            // Spreadsheets store 37.5 as a binary float; accept float noise, not a third decimal place.
            if (amount.subtract(rounded).abs().compareTo(new BigDecimal("0.000001")) > 0) {
                problem(column, "must have at most 2 decimal places");
                return null;
            }
            if (rounded.signum() < 0) {
                problem(column, "must not be negative");
                return null;
            }
            return rounded;
        }

        Channel channel() {
            String value = raw(Column.CHANNEL);
            if (value == null) {
                return Channel.OFFLINE;
            }
            String v = value.toUpperCase(Locale.ROOT);
            if (v.equals("ONLINE") || v.matches(".*(线上|网店|电商|网络|网上|淘宝|天猫|京东|拼多多).*")) {
                return Channel.ONLINE;
            }
            if (v.equals("PHONE") || v.contains("电话")) {
                return Channel.PHONE;
            }
            if (v.equals("OFFLINE") || v.matches(".*(线下|门店|展会|实体|店面).*")) {
                return Channel.OFFLINE;
            }
            if (v.equals("DISTRIBUTOR") || v.matches(".*(经销|分销|代理|批发).*")) {
                return Channel.DISTRIBUTOR;
            }
            problem(Column.CHANNEL, "must be ONLINE, PHONE, OFFLINE or DISTRIBUTOR (or 线上, 电话, 线下, 经销商)");
            return null;
        }

        PaymentMethod payment() {
            String value = raw(Column.PAYMENT_METHOD);
            if (value == null) {
                return PaymentMethod.BANK_TRANSFER;
            }
            String v = value.toUpperCase(Locale.ROOT);
            if (v.equals("CASH") || v.contains("现金")) {
                return PaymentMethod.CASH;
            }
            if (v.equals("CARD") || v.matches(".*(刷卡|银行卡|信用卡|微信|支付宝|扫码).*")) {
                return PaymentMethod.CARD;
            }
            if (v.equals("BANK_TRANSFER") || v.matches(".*(转账|汇款|银行).*")) {
                return PaymentMethod.BANK_TRANSFER;
            }
            if (v.equals("CREDIT_TERMS") || v.matches(".*(赊|月结|账期|挂账).*")) {
                return PaymentMethod.CREDIT_TERMS;
            }
            problem(Column.PAYMENT_METHOD, "must be CASH, BANK_TRANSFER, CARD or CREDIT_TERMS (or 现金, 转账, 刷卡, 月结)");
            return null;
        }
    }
}
