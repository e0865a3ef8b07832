package io.orderflow.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.avro.Channel;
import io.orderflow.avro.CustomerClass;
import io.orderflow.avro.HoldReason;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.TrackingStatus;
import io.orderflow.gateway.api.OrderRequests.CustomerBody;
import io.orderflow.gateway.api.OrderRequests.LineBody;
import io.orderflow.gateway.api.OrderRequests.OrderBody;
import io.orderflow.gateway.api.OrderRequests.PaymentTermsBody;
import io.orderflow.gateway.api.OrderRequests.QuantityLine;
import io.orderflow.gateway.service.GatewayException;
import io.orderflow.api.Problem;
import io.orderflow.contract.OrderLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates request bodies (already parsed to a JSON tree) into the records of {@link OrderRequests}.
 * Every problem is collected with its field path; if there is any, {@link GatewayException.Invalid} lists them
 * all.
 */
public final class RequestReader {

    /** The most lines of an order, and of a shipment or return naming some of them. */
    static final int MAX_LINES = OrderLimits.MAX_LINES;
    static final int MAX_QUANTITY = 1_000_000;
    static final int SHORT = 200;
    static final int LONG = 2000;

    private static final Set<String> ORDER_FIELDS = Set.of("orderId", "externalRef", "channel", "orderDate",
            "expectedDeliveryDate", "customer", "paymentMethod", "paymentTerms", "currency", "discount", "notes",
            "lines");
    private static final Set<String> AMEND_FIELDS = Set.of("channel", "orderDate", "expectedDeliveryDate",
            "customer", "paymentMethod", "paymentTerms", "currency", "discount", "notes", "lines");
    private static final Set<String> CUSTOMER_FIELDS = Set.of("id", "name", "contactName", "phone", "address");
    private static final Set<String> CUSTOMER_RECORD_FIELDS = Set.of("name", "class", "contactName", "phone",
            "address", "paymentTerms", "creditLimit", "reason");
    private static final Set<String> LINE_FIELDS = Set.of("sku", "productName", "spec", "quantity", "unitPrice",
            "amount", "taxIncluded", "kind", "serviceContent", "serviceDurationMinutes");
    private static final Set<String> QUANTITY_FIELDS = Set.of("sku", "quantity");

    private RequestReader() {
    }

    /** The body of {@code POST /v1/orders}. */
    public static OrderBody placeOrder(JsonNode body) {
        return read(body, f -> order(f, body, true));
    }

    /** The body of {@code PUT /v1/orders/{id}}. */
    public static OrderRequests.Amend amend(JsonNode body) {
        return read(body, f -> new OrderRequests.Amend(order(f, body, false)));
    }

    public static OrderRequests.Submit submit(JsonNode body) {
        return read(body, f -> new OrderRequests.Submit(note(f, body)));
    }

    public static OrderRequests.Approve approve(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("note", "overrideCreditLimit"));
            if (o == null) {
                return null;
            }
            Boolean override = f.bool(o, "", "overrideCreditLimit");
            boolean overriding = override != null && override;
            // an override says why: the note is its reason
            return new OrderRequests.Approve(f.text(o, "", "note", overriding, LONG), overriding);
        });
    }

    public static OrderRequests.ReturnForChanges returnForChanges(JsonNode body) {
        return read(body, f -> new OrderRequests.ReturnForChanges(reason(f, body, true)));
    }

    public static OrderRequests.Cancel cancel(JsonNode body) {
        return read(body, f -> new OrderRequests.Cancel(reason(f, body, true)));
    }

    public static OrderRequests.ApproveCancel approveCancel(JsonNode body) {
        return read(body, f -> new OrderRequests.ApproveCancel(note(f, body)));
    }

    public static OrderRequests.Complete complete(JsonNode body) {
        return read(body, f -> new OrderRequests.Complete(note(f, body)));
    }

    public static OrderRequests.Ship ship(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("shipmentId", "lines", "carrier", "trackingNumber"));
            if (o == null) {
                return null;
            }
            return new OrderRequests.Ship(f.id(o, "", "shipmentId", false), quantities(f, o, true),
                    f.id(o, "", "carrier", true), f.id(o, "", "trackingNumber", true));
        });
    }

    /** The body of {@code POST /v1/orders/{id}/deliver}; a delivery time must not lie ahead of {@code now}. */
    public static OrderRequests.Deliver deliver(JsonNode body, Instant now) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("deliveredAt", "note"));
            return o == null ? null
                    : new OrderRequests.Deliver(f.pastInstant(o, "", "deliveredAt", false, now), f.text(o, "", "note", false, LONG));
        });
    }

    public static OrderRequests.ScheduleService scheduleService(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("scheduledFor", "assignee", "note"));
            return o == null ? null : new OrderRequests.ScheduleService(f.instant(o, "", "scheduledFor", true),
                    f.text(o, "", "assignee", false, SHORT), f.text(o, "", "note", false, LONG));
        });
    }

    public static OrderRequests.ServiceResult serviceResult(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("result", "feedback", "rating"));
            return o == null ? null : new OrderRequests.ServiceResult(f.text(o, "", "result", true, LONG),
                    f.text(o, "", "feedback", false, LONG), f.integer(o, "", "rating", false, 1, 5));
        });
    }

    public static OrderRequests.RequestReturn requestReturn(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("reason", "lines"));
            return o == null ? null
                    : new OrderRequests.RequestReturn(f.text(o, "", "reason", true, LONG), quantities(f, o, false));
        });
    }

    public static OrderRequests.ApproveReturn approveReturn(JsonNode body) {
        return read(body, f -> new OrderRequests.ApproveReturn(reason(f, body, false)));
    }

    public static OrderRequests.RejectReturn rejectReturn(JsonNode body) {
        return read(body, f -> new OrderRequests.RejectReturn(reason(f, body, true)));
    }

    public static OrderRequests.ReceiveReturn receiveReturn(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("lines", "note"));
            return o == null ? null
                    : new OrderRequests.ReceiveReturn(quantities(f, o, false), f.text(o, "", "note", false, LONG));
        });
    }

    public static OrderRequests.Pay pay(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("amount", "method", "reference"));
            return o == null ? null : new OrderRequests.Pay(f.money(o, "", "amount", true, true, OrderLimits.PAYMENT),
                    f.oneOf(o, "", "method", false, PaymentMethod.class), f.text(o, "", "reference", false, SHORT));
        });
    }

    /** The body of {@code POST /v1/orders/{id}/reschedule}: the new date and a reason, both required. */
    public static OrderRequests.Reschedule reschedule(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("expectedDeliveryDate", "reason"));
            return o == null ? null : new OrderRequests.Reschedule(f.date(o, "", "expectedDeliveryDate", true),
                    f.text(o, "", "reason", true, LONG));
        });
    }

    public static OrderRequests.Hold hold(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("reason", "note"));
            return o == null ? null : new OrderRequests.Hold(f.oneOf(o, "", "reason", true, HoldReason.class),
                    f.text(o, "", "note", false, LONG));
        });
    }

    public static OrderRequests.ReleaseHold releaseHold(JsonNode body) {
        return read(body, f -> new OrderRequests.ReleaseHold(note(f, body)));
    }

    public static OrderRequests.Assign assign(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("owner"));
            return o == null ? null : new OrderRequests.Assign(f.id(o, "", "owner", true));
        });
    }

    /** The body of {@code POST /v1/orders/{id}/note}: the text appended, required. */
    public static OrderRequests.Note note(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("note"));
            return o == null ? null : new OrderRequests.Note(f.text(o, "", "note", true, LONG));
        });
    }

    /** The body of {@code POST /v1/orders/{id}/close-short}: why the rest will not ship, required. */
    public static OrderRequests.CloseShort closeShort(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("reason"));
            return o == null ? null : new OrderRequests.CloseShort(f.text(o, "", "reason", true, LONG));
        });
    }

    /**
     * The body of {@code POST /v1/orders/{id}/refund}: a positive amount and a reason, both required; the units it
     * is for, optional.
     */
    public static OrderRequests.Refund refund(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("amount", "reason", "lines"));
            return o == null ? null : new OrderRequests.Refund(f.money(o, "", "amount", true, true, OrderLimits.PAYMENT),
                    f.text(o, "", "reason", true, LONG), quantities(f, o, false));
        });
    }

    public static OrderRequests.ApproveRefund approveRefund(JsonNode body) {
        return read(body, f -> new OrderRequests.ApproveRefund(reason(f, body, false)));
    }

    public static OrderRequests.RejectRefund rejectRefund(JsonNode body) {
        return read(body, f -> new OrderRequests.RejectRefund(reason(f, body, true)));
    }

    /** The body of {@code POST /v1/tracking}; the scan's time must not lie ahead of {@code now}. */
    public static OrderRequests.TrackingBody tracking(JsonNode body, Instant now) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("carrier", "trackingNumber", "status", "at", "location", "eventId"));
            return o == null ? null : new OrderRequests.TrackingBody(f.id(o, "", "carrier", true),
                    f.id(o, "", "trackingNumber", true), f.oneOf(o, "", "status", true, TrackingStatus.class),
                    f.pastInstant(o, "", "at", true, now), f.text(o, "", "location", false, SHORT),
                    f.text(o, "", "eventId", true, 128));
        });
    }

    /** The body of {@code PUT /v1/products/{sku}}. */
    public static OrderRequests.ProductBody product(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("name", "category", "unitPrice", "reorderPoint", "kind"));
            if (o == null) {
                return null;
            }
            Integer reorderPoint = f.integer(o, "", "reorderPoint", false, 0, Integer.MAX_VALUE);
            LineKind kind = f.oneOf(o, "", "kind", false, LineKind.class);
            return new OrderRequests.ProductBody(f.text(o, "", "name", true, SHORT),
                    f.text(o, "", "category", true, SHORT),
                    f.money(o, "", "unitPrice", false, false, OrderLimits.LIST_PRICE),
                    reorderPoint == null ? 0 : reorderPoint, kind == null ? LineKind.GOODS : kind);
        });
    }

    /** The body of {@code PUT /v1/customers/{id}}. */
    public static OrderRequests.CustomerRecordBody customerRecord(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", CUSTOMER_RECORD_FIELDS);
            if (o == null) {
                return null;
            }
            String phone = f.text(o, "", "phone", false, 32);
            if (phone != null && !phone.matches("[0-9+\\-() ]{3,32}")) {
                f.problem("phone", "must be 3-32 digits, spaces or + - ( )");
                phone = null;
            }
            return new OrderRequests.CustomerRecordBody(f.text(o, "", "name", true, SHORT),
                    f.oneOf(o, "", "class", false, CustomerClass.class),
                    f.text(o, "", "contactName", false, SHORT), phone, f.text(o, "", "address", false, 500),
                    customerTerms(f, o), creditLimit(f, o), f.text(o, "", "reason", false, LONG));
        });
    }

    private static PaymentTermsBody customerTerms(Fields f, JsonNode customer) {
        JsonNode node = customer.get("paymentTerms");
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode t = f.object(node, "paymentTerms", Set.of("dueDays"));
        Integer days = t == null ? null : f.integer(t, "paymentTerms", "dueDays", true, 1, OrderLimits.MAX_DUE_DAYS);
        return days == null ? null : new PaymentTermsBody(days);
    }

    private static OrderRequests.CreditLimitBody creditLimit(Fields f, JsonNode customer) {
        JsonNode node = customer.get("creditLimit");
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode l = f.object(node, "creditLimit", Set.of("amount", "currency"));
        if (l == null) {
            return null;
        }
        BigDecimal amount = f.money(l, "creditLimit", "amount", true, false, OrderLimits.CREDIT_LIMIT);
        String currency = f.currency(l, "creditLimit", "currency");
        return amount == null ? null : new OrderRequests.CreditLimitBody(amount, currency == null ? "CNY" : currency);
    }

    /** The body of {@code POST /v1/stock/{sku}/receipts}: a positive quantity. */
    public static OrderRequests.StockBody receipt(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("quantity", "reference", "reason"));
            if (o == null) {
                return null;
            }
            Integer quantity = f.integer(o, "", "quantity", true, 1, MAX_QUANTITY);
            return new OrderRequests.StockBody(quantity == null ? 0 : quantity,
                    f.text(o, "", "reference", false, SHORT), f.text(o, "", "reason", false, LONG));
        });
    }

    /** The body of {@code POST /v1/stock/{sku}/adjustments}: a signed, non-zero correction with a reason. */
    public static OrderRequests.StockBody adjustment(JsonNode body) {
        return read(body, f -> {
            JsonNode o = f.object(body, "", Set.of("quantity", "reference", "reason"));
            if (o == null) {
                return null;
            }
            Integer quantity = f.integer(o, "", "quantity", true, -MAX_QUANTITY, MAX_QUANTITY);
            if (quantity != null && quantity == 0) {
                f.problem("quantity", "must not be zero");
            }
            return new OrderRequests.StockBody(quantity == null ? 0 : quantity,
                    f.text(o, "", "reference", false, SHORT), f.text(o, "", "reason", true, LONG));
        });
    }

    /** A path parameter that names an order or a SKU. */
    public static String pathId(String name, String value) {
        if (value == null || !Fields.ID.matcher(value).matches()) {
            throw new GatewayException.Invalid("invalid path", List.of(new Problem(name,
                    "must be 1-64 letters, digits or . _ : - and start with a letter or digit")));
        }
        return value;
    }

    private static <T> T read(JsonNode body, Function<Fields, T> reader) {
        Fields fields = new Fields(new ArrayList<>());
        T value = reader.apply(fields);
        if (!fields.problems().isEmpty() || value == null) {
            throw new GatewayException.Invalid(fields.problems());
        }
        return value;
    }

    private static String note(Fields f, JsonNode body) {
        JsonNode o = f.object(body, "", Set.of("note"));
        return o == null ? null : f.text(o, "", "note", false, LONG);
    }

    private static String reason(Fields f, JsonNode body, boolean required) {
        JsonNode o = f.object(body, "", Set.of("reason"));
        return o == null ? null : f.text(o, "", "reason", required, LONG);
    }

    private static OrderBody order(Fields f, JsonNode body, boolean place) {
        JsonNode o = f.object(body, "", place ? ORDER_FIELDS : AMEND_FIELDS);
        if (o == null) {
            return null;
        }
        String orderId = place ? f.id(o, "", "orderId", false) : null;
        String externalRef = place ? f.text(o, "", "externalRef", false, SHORT) : null;
        Channel channel = f.oneOf(o, "", "channel", true, Channel.class);
        var orderDate = f.date(o, "", "orderDate", false);
        var expected = f.date(o, "", "expectedDeliveryDate", false);
        CustomerBody customer = customer(f, o);
        PaymentMethod payment = f.oneOf(o, "", "paymentMethod", true, PaymentMethod.class);
        PaymentTermsBody terms = paymentTerms(f, o, payment);
        String currency = f.currency(o, "", "currency");
        BigDecimal discount = f.money(o, "", "discount", false, false, OrderLimits.DISCOUNT);
        String notes = f.text(o, "", "notes", false, LONG);
        List<LineBody> lines = new ArrayList<>();
        List<JsonNode> elements = f.array(o, "", "lines", true, 1, MAX_LINES);
        for (int i = 0; i < elements.size(); i++) {
            LineBody line = line(f, elements.get(i), FieldPath.element("lines", i));
            if (line != null) {
                lines.add(line);
            }
        }
        BigDecimal total = lines.stream().map(LineBody::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (!OrderLimits.TOTAL.fits(total)) {
            f.problem("lines", "the order total (the sum of quantity × unitPrice) must be at most "
                    + OrderLimits.TOTAL.max().toPlainString());
        } else if (discount != null && lines.size() == elements.size() && discount.compareTo(total) > 0) {
            f.problem("discount", "must not exceed the order total (" + total.toPlainString() + ")");
        }
        return new OrderBody(orderId, externalRef, channel, orderDate, expected, customer, payment,
                currency == null ? "CNY" : currency, discount, notes, List.copyOf(lines), terms);
    }

    /**
     * {@code paymentTerms}: refused with any payment method but CREDIT_TERMS. A CREDIT_TERMS order may leave them out:
     * the streams app gives it its customer record's default terms, or refuses it INVALID_PAYMENT_TERMS when the
     * customer has none.
     */
    private static PaymentTermsBody paymentTerms(Fields f, JsonNode order, PaymentMethod payment) {
        JsonNode node = order.get("paymentTerms");
        boolean given = node != null && !node.isNull();
        if (!given) {
            return null;
        }
        if (payment != null && payment != PaymentMethod.CREDIT_TERMS) {
            f.problem("paymentTerms", "goes with paymentMethod CREDIT_TERMS only, not " + payment);
            return null;
        }
        JsonNode t = f.object(node, "paymentTerms", Set.of("dueDays"));
        if (t == null) {
            return null;
        }
        Integer days = f.integer(t, "paymentTerms", "dueDays", true, 1, OrderLimits.MAX_DUE_DAYS);
        return days == null ? null : new PaymentTermsBody(days);
    }

    private static CustomerBody customer(Fields f, JsonNode order) {
        JsonNode node = order.get("customer");
        if (node == null || node.isNull()) {
            f.problem("customer", "is required");
            return null;
        }
        JsonNode c = f.object(node, "customer", CUSTOMER_FIELDS);
        if (c == null) {
            return null;
        }
        String phone = f.text(c, "customer", "phone", false, 32);
        if (phone != null && !phone.matches("[0-9+\\-() ]{3,32}")) {
            f.problem("customer.phone", "must be 3-32 digits, spaces or + - ( )");
            phone = null;
        }
        return new CustomerBody(f.id(c, "customer", "id", true), f.text(c, "customer", "name", true, SHORT),
                f.text(c, "customer", "contactName", false, SHORT), phone,
                f.text(c, "customer", "address", false, 500));
    }

    private static LineBody line(Fields f, JsonNode node, String path) {
        JsonNode l = f.object(node, path, LINE_FIELDS);
        if (l == null) {
            return null;
        }
        String sku = f.id(l, path, "sku", true);
        Integer quantity = f.integer(l, path, "quantity", true, 1, MAX_QUANTITY);
        BigDecimal unitPrice = f.money(l, path, "unitPrice", true, false, OrderLimits.UNIT_PRICE);
        BigDecimal amount = f.money(l, path, "amount", false, false, OrderLimits.LINE_AMOUNT);
        Boolean taxIncluded = f.bool(l, path, "taxIncluded");
        LineKind kind = f.oneOf(l, path, "kind", false, LineKind.class);
        String serviceContent = f.text(l, path, "serviceContent", false, LONG);
        Integer duration = f.integer(l, path, "serviceDurationMinutes", false, 1, 525_600);
        String productName = f.text(l, path, "productName", false, SHORT);
        String spec = f.text(l, path, "spec", false, SHORT);
        if (quantity == null || unitPrice == null || sku == null) {
            return null;
        }
        BigDecimal computed = unitPrice.multiply(BigDecimal.valueOf(quantity));
        if (!OrderLimits.LINE_AMOUNT.fits(computed)) {
            f.problem(path + ".amount", "quantity × unitPrice must be at most "
                    + OrderLimits.LINE_AMOUNT.max().toPlainString());
            return null;
        }
        if (amount != null && amount.compareTo(computed) != 0) {
            f.problem(path + ".amount", "must equal quantity × unitPrice (" + computed.toPlainString() + ")");
            return null;
        }
        if (kind == LineKind.SERVICE && serviceContent == null) {
            f.problem(path + ".serviceContent", "is required for a SERVICE line");
        }
        return new LineBody(sku, productName, spec, quantity, unitPrice, computed.setScale(2),
                taxIncluded == null || taxIncluded, kind == null ? LineKind.GOODS : kind, serviceContent, duration);
    }

    private static List<QuantityLine> quantities(Fields f, JsonNode o, boolean required) {
        List<JsonNode> elements = f.array(o, "", "lines", required, required ? 1 : 0, MAX_LINES);
        if (elements == null) {
            return List.of();
        }
        List<QuantityLine> lines = new ArrayList<>();
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            String path = FieldPath.element("lines", i);
            JsonNode l = f.object(elements.get(i), path, QUANTITY_FIELDS);
            if (l == null) {
                continue;
            }
            String sku = f.id(l, path, "sku", true);
            Integer quantity = f.integer(l, path, "quantity", true, 1, MAX_QUANTITY);
            if (sku != null && !skus.add(sku)) {
                f.problem(path + ".sku", "appears more than once");
            } else if (sku != null && quantity != null) {
                lines.add(new QuantityLine(sku, quantity));
            }
        }
        return List.copyOf(lines);
    }
}
