package io.orderflow.gateway.ledger;

import io.orderflow.avro.Channel;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.contract.OrderLimits;
import io.orderflow.gateway.api.OrderRequests.CustomerBody;
import io.orderflow.gateway.api.OrderRequests.LineBody;
import io.orderflow.gateway.api.OrderRequests.OrderBody;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        CURRENCY("currency", "币种");

        private final List<String> headers;

        Column(String... headers) {
            this.headers = List.of(headers);
        }
    }

    /** A problem with one cell (or row, when column is null). */
    public record RowProblem(int line, String column, String reason) {
    }

    /** One order of the ledger: its lines' numbers, the body to place, and the rows' content for the hash. */
    public record LedgerOrder(List<Integer> lines, OrderBody body, String content) {
    }

    public record Result(int rows, List<LedgerOrder> orders, List<RowProblem> problems) {
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

    public static Result read(Sheet sheet, LocalDate today) throws SheetFormatException {
        Map<Column, Integer> columns = columns(sheet.header());
        List<RowProblem> problems = new ArrayList<>();
        Map<String, List<Parsed>> byOrder = new LinkedHashMap<>();
        for (Sheet.Row row : sheet.rows()) {
            Parsed parsed = parse(row, columns, sheet.header(), today, problems);
            String group = parsed.orderId == null ? "line:" + row.line() : "order:" + parsed.orderId;
            byOrder.computeIfAbsent(group, g -> new ArrayList<>()).add(parsed);
        }
        List<LedgerOrder> orders = new ArrayList<>();
        for (List<Parsed> rows : byOrder.values()) {
            Parsed first = rows.get(0);
            boolean bad = rows.stream().anyMatch(p -> !p.ok);
            for (Parsed p : rows.subList(1, rows.size())) {
                if (p.ok && first.ok && !p.customerName.equals(first.customerName)) {
                    problems.add(new RowProblem(p.line, header(sheet, columns, Column.CUSTOMER_NAME),
                            "differs from line " + first.line + " of the same order"));
                    bad = true;
                }
            }
            if (bad) {
                for (Parsed p : rows) {
                    if (p.ok) {
                        problems.add(new RowProblem(p.line, null, "left out: another row of the same order is invalid"));
                    }
                }
                continue;
            }
            if (rows.size() > OrderLimits.MAX_LINES) {
                problems.add(new RowProblem(first.line, null, "an order may have at most " + OrderLimits.MAX_LINES
                        + " lines"));
                continue;
            }
            List<LineBody> lines = rows.stream().map(p -> p.lineBody).toList();
            BigDecimal total = lines.stream().map(LineBody::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (!OrderLimits.TOTAL.fits(total)) {
                problems.add(new RowProblem(first.line, null, "the order's total must be at most "
                        + OrderLimits.TOTAL.max().toPlainString()));
                continue;
            }
            OrderBody body = new OrderBody(first.orderId, null, first.channel, first.orderDate, first.expected,
                    first.customer, first.payment, first.currency, null, first.notes, lines);
            StringBuilder content = new StringBuilder();
            rows.forEach(p -> content.append(String.join("\u001f", p.cells)).append('\u001e'));
            orders.add(new LedgerOrder(rows.stream().map(p -> p.line).toList(), body, content.toString()));
        }
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Result(sheet.rows().size(), orders, problems);
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
    }

    private static Parsed parse(Sheet.Row row, Map<Column, Integer> columns, List<String> header, LocalDate today,
            List<RowProblem> problems) {
        Parsed p = new Parsed();
        p.line = row.line();
        p.cells = row.cells();
        Cells c = new Cells(row, columns, header, problems);
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
        p.customer = new CustomerBody(customerId == null ? p.customerName : customerId, p.customerName, contact, phone,
                address);
        p.lineBody = new LineBody(sku, productName, spec, quantity, unitPrice, computed, true, LineKind.GOODS, null,
                null);
        return p;
    }

    private static String header(Sheet sheet, Map<Column, Integer> columns, Column column) {
        Integer index = columns.get(column);
        return index == null ? column.headers.get(0) : sheet.header().get(index).strip();
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
        boolean ok = true;

        Cells(Sheet.Row row, Map<Column, Integer> columns, List<String> header, List<RowProblem> problems) {
            this.row = row;
            this.columns = columns;
            this.header = header;
            this.problems = problems;
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
