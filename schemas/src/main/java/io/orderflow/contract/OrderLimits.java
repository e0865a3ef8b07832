package io.orderflow.contract;

import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Product;
import io.orderflow.avro.RecordPayment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * What an order may hold so that its records can be written, read from the generated classes'
 * schemas so that the bounds move with the {@code .avsc} files: the precision and scale of every
 * money field (the order's total included) and the most lines an order may have (the {@code
 * maxItems} property of {@code PlaceOrder.lines}).
 *
 * <p>The gateway refuses a request over these bounds with a 400 naming the field; the streams
 * app refuses a command over them (one written to Kafka past the gateway) on {@code
 * order-refusals}. Either way an order the contract cannot hold is refused, never acknowledged
 * and then lost when its state fails to encode.
 */
public final class OrderLimits {

    /** An order line's unit price. */
    public static final Money UNIT_PRICE = money(OrderLine.SCHEMA$, "unitPrice");
    /** An order line's amount, quantity × unit price. */
    public static final Money LINE_AMOUNT = money(OrderLine.SCHEMA$, "amount");
    /** The order's discount, as the order's state keeps it. */
    public static final Money DISCOUNT = money(OrderState.SCHEMA$, "discount");
    /** The order's total, the sum of its line amounts less the discount. */
    public static final Money TOTAL = money(OrderState.SCHEMA$, "totalAmount");
    /** A payment recorded on an order. */
    public static final Money PAYMENT = money(RecordPayment.SCHEMA$, "amount");
    /** A product's list price. */
    public static final Money LIST_PRICE = money(Product.SCHEMA$, "unitPrice");
    /** A customer's credit limit. */
    public static final Money CREDIT_LIMIT = money(io.orderflow.avro.CreditLimit.SCHEMA$, "amount");
    /** The most lines an order may have. */
    public static final int MAX_LINES = maxItems(PlaceOrder.SCHEMA$, "lines");
    /** The longest credit terms: payment due at most this many days after delivery. */
    public static final int MAX_DUE_DAYS = 365;

    private OrderLimits() {
    }

    /** The bounds of a decimal field: at most {@code precision} digits, {@code scale} of them after the point. */
    public record Money(String field, int precision, int scale) {

        /** Digits before the decimal point. */
        public int integerDigits() {
            return precision - scale;
        }

        /** Whether {@code value} can be written to this field: no more places than the scale, no more digits. */
        public boolean fits(BigDecimal value) {
            if (value.stripTrailingZeros().scale() > scale) {
                return false;
            }
            return value.setScale(scale, RoundingMode.UNNECESSARY).precision() <= precision;
        }

        /** The largest value the field holds, e.g. {@code 9999999999999999.99}. */
        public BigDecimal max() {
            return BigDecimal.TEN.pow(precision).subtract(BigDecimal.ONE).movePointLeft(scale);
        }
    }

    static Money money(Schema record, String field) {
        Schema schema = nonNull(record.getField(field).schema());
        LogicalType type = schema.getLogicalType();
        if (!(type instanceof LogicalTypes.Decimal decimal)) {
            throw new IllegalStateException(record.getName() + "." + field + " is no decimal");
        }
        return new Money(record.getName() + "." + field, decimal.getPrecision(), decimal.getScale());
    }

    static int maxItems(Schema record, String field) {
        Object max = record.getField(field).getObjectProp("maxItems");
        if (!(max instanceof Number number) || number.intValue() < 1) {
            throw new IllegalStateException(record.getName() + "." + field + " has no maxItems");
        }
        return number.intValue();
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
}
