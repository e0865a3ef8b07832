package io.orderflow.streams.analytics;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.Customer;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.Role;
import io.orderflow.serde.GeneratedAvroTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Order states for tests, with every required field filled in. */
public final class OrderFixtures {

    static {
        // Building a record fills enum defaults by class name: our generated types must be trusted first.
        GeneratedAvroTypes.trust();
    }

    private OrderFixtures() {
    }

    public static OrderLineState line(String sku, int quantity, String unitPrice) {
        BigDecimal price = new BigDecimal(unitPrice).setScale(2);
        return OrderLineState.newBuilder()
                .setLine(OrderLine.newBuilder()
                        .setSku(sku)
                        .setQuantity(quantity)
                        .setUnitPrice(price)
                        .setAmount(price.multiply(BigDecimal.valueOf(quantity)))
                        .build())
                .build();
    }

    /** An order in {@code status} since {@code since}, placed then, with one line unless given. */
    public static OrderState.Builder order(String orderId, OrderStatus status, Instant since) {
        return order(orderId, status, since, Channel.ONLINE, "C1", List.of(line("SKU-1", 1, "10.00")));
    }

    public static OrderState.Builder order(
            String orderId, OrderStatus status, Instant since, Channel channel, String customerId,
            List<OrderLineState> lines) {
        BigDecimal total = lines.stream().map(l -> l.getLine().getAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return OrderState.newBuilder()
                .setOrderId(orderId)
                .setStatus(status)
                .setChannel(channel)
                .setOrderDate(LocalDate.ofInstant(since, ZoneOffset.UTC))
                .setCustomer(Customer.newBuilder().setId(customerId).setName("Customer " + customerId).build())
                .setPaymentMethod(PaymentMethod.BANK_TRANSFER)
                .setLines(new ArrayList<>(lines))
                .setTotalAmount(total.setScale(2))
                .setPaidAmount(BigDecimal.ZERO.setScale(2))
                .setCreatedBy(Actor.newBuilder().setId("sales-1").setRole(Role.SALES).build())
                .setCreatedAt(since)
                .setStatusSince(since)
                .setUpdatedAt(since);
    }
}
