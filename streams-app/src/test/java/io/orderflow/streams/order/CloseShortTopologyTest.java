package io.orderflow.streams.order;

import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.closeShort;
import static io.orderflow.streams.Commands.complete;
import static io.orderflow.streams.Commands.confirmDelivery;
import static io.orderflow.streams.Commands.hold;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.pay;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.ship;
import static io.orderflow.streams.Commands.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.HoldReason;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockLevel;
import io.orderflow.streams.Pipeline;
import io.orderflow.streams.analytics.AnalyticsTopology;
import io.orderflow.streams.analytics.SalesFigures;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a partly shipped order short (issue 25) on the whole pipeline: the reservation of what did not ship goes
 * back to its SKUs, what shipped stays deducted and keeps its revenue, and the order moves on as a shipped one.
 */
class CloseShortTopologyTest {

    @TempDir
    Path stateDir;

    private Pipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.product("B", 0);
        pipeline.receive("A", 10);
        pipeline.receive("B", 10);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    /** 5 x A at 10.00 and 4 x B at 2.50, approved, then 3 x A and 1 x B shipped. */
    private void partlyShipped(String orderId) {
        pipeline.send(orderId, SALES, place(line("A", 5, "10.00"), line("B", 4, "2.50")));
        pipeline.send(orderId, REVIEWER, approve());
        pipeline.send(orderId, WAREHOUSE, ship("SF", "SF-" + orderId, units("A", 3), units("B", 1)));
    }

    private List<String> refusalCodes() {
        return pipeline.refusals().stream().map(Refusal::getCode).toList();
    }

    private SalesFigures day(String key) {
        return pipeline.driver.<String, SalesFigures>getKeyValueStore(AnalyticsTopology.SALES_DAY_STORE).get(key);
    }

    @Test
    void shouldReleaseWhatDidNotShipAndKeepWhatShippedDeducted() {
        partlyShipped("O-1");
        assertThat(pipeline.level("A").getReserved()).isEqualTo(2);
        assertThat(pipeline.level("B").getReserved()).isEqualTo(3);

        pipeline.send("O-1", SALES, closeShort("the maker stopped making A and B"));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.getShortClosure().getLines())
                .containsExactly(new ShipmentLine("A", 2), new ShipmentLine("B", 3));
        assertThat(order.getShortClosure().getClosedBy()).isEqualTo(SALES);
        assertThat(order.getShortClosure().getReason()).isEqualTo("the maker stopped making A and B");
        assertThat(order.getLines()).allSatisfy(line -> assertThat(line.getReservedQuantity()).isZero());
        assertThat(order.getExceptionNote()).isEqualTo("the maker stopped making A and B");
        HistoryEntry entry = order.getHistory().get(order.getHistory().size() - 1);
        assertThat(entry.getAction()).isEqualTo("CloseShort");
        assertThat(entry.getActor()).isEqualTo(SALES);
        assertThat(entry.getAt()).isEqualTo(pipeline.now());
        assertThat(entry.getFromStatus()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(entry.getToStatus()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(entry.getReason()).isEqualTo("closed short, not shipped 2 x A, 3 x B: the maker stopped making A and B");

        StockLevel a = pipeline.level("A");
        StockLevel b = pipeline.level("B");
        assertThat(a.getOnHand()).as("shipped units stay deducted").isEqualTo(7);
        assertThat(b.getOnHand()).isEqualTo(9);
        assertThat(a.getReserved()).as("nothing reserved is left for the order").isZero();
        assertThat(b.getReserved()).isZero();
        assertThat(pipeline.available("A")).isEqualTo(7);
        assertThat(pipeline.available("B")).isEqualTo(9);
        assertThat(pipeline.reservations()).doesNotContainKey("O-1");
        assertThat(refusalCodes()).isEmpty();
    }

    @Test
    void shouldGiveTheReleasedUnitsToAnOrderWaitingForThem() {
        partlyShipped("O-1");
        pipeline.send("O-2", SALES, place(line("A", 6, "10.00")));
        pipeline.send("O-2", REVIEWER, approve());
        assertThat(pipeline.order("O-2").getStatus()).isEqualTo(OrderStatus.AWAITING_STOCK);

        pipeline.send("O-1", SALES, closeShort("rest cancelled by the customer"));

        assertThat(pipeline.order("O-2").getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(pipeline.level("A").getReserved()).isEqualTo(6);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(7);
    }

    @Test
    void shouldOweOnlyWhatShippedLessTheDiscount() {
        PlaceOrder place = place(line("A", 5, "10.00"), line("B", 4, "2.50"));
        place.setDiscount(new BigDecimal("5.00"));
        pipeline.send("O-1", SALES, place);
        pipeline.send("O-1", SALES, pay("20.00"));
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 2)));
        assertThat(pipeline.order("O-1").getTotalAmount()).isEqualByComparingTo("55.00");

        pipeline.send("O-1", SALES, closeShort("rest discontinued"));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getTotalAmount()).isEqualByComparingTo("15.00");
        assertThat(order.getPaymentStatus()).as("20.00 paid for 15.00 owed").isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void shouldMoveOnLikeAShippedOrderToDeliveryAndCompletion() {
        partlyShipped("O-1");
        pipeline.send("O-1", REVIEWER, closeShort("rest discontinued"));
        assertThat(pipeline.order("O-1").getTotalAmount()).as("what shipped is owed").isEqualByComparingTo("32.50");
        pipeline.send("O-1", WAREHOUSE, confirmDelivery());
        pipeline.send("O-1", SALES, pay("32.50"));
        pipeline.send("O-1", SALES, complete());

        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(refusalCodes()).isEmpty();
    }

    @Test
    void shouldKeepTheRevenueOfWhatShippedAndTakeOutOnlyTheUnshippedRemainder() {
        partlyShipped("O-1");
        SalesFigures approved = day("total|all|CNY|2026-11-22");
        assertThat(approved).isEqualTo(new SalesFigures(1, 9, new BigDecimal("60.00")));

        pipeline.send("O-1", SALES, closeShort("rest discontinued"));

        assertThat(day("total|all|CNY|2026-11-22")).as("3 x A and 1 x B shipped: 32.50 kept, the order still counts")
                .isEqualTo(new SalesFigures(1, 4, new BigDecimal("32.50")));
        assertThat(day("product|A|CNY|2026-11-22")).isEqualTo(new SalesFigures(1, 3, new BigDecimal("30.00")));
        assertThat(day("product|B|CNY|2026-11-22")).isEqualTo(new SalesFigures(1, 1, new BigDecimal("2.50")));
    }

    @Test
    void shouldApplyARepeatedCloseOnce() {
        partlyShipped("O-1");
        pipeline.send("close-1", "O-1", SALES, closeShort("rest discontinued"));
        pipeline.send("close-1", "O-1", SALES, closeShort("rest discontinued"));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getHistory()).filteredOn(entry -> entry.getAction().equals("CloseShort")).hasSize(1);
        assertThat(order.getExceptionNote()).isEqualTo("rest discontinued");
        assertThat(refusalCodes()).isEmpty();
    }

    @Test
    void shouldRefuseToCloseAnOrderNotPartlyShipped() {
        pipeline.send("O-1", SALES, place(line("A", 5, "10.00")));
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-1", SALES, closeShort("nothing shipped yet"));
        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 5)));
        pipeline.send("O-1", SALES, closeShort("all shipped"));

        assertThat(refusalCodes()).containsExactly(Refusals.INVALID_TRANSITION, Refusals.INVALID_TRANSITION);
        assertThat(pipeline.order("O-1").getShortClosure()).isNull();
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void shouldRefuseACloseWithoutAReasonByTheWarehouseOrOfAHeldOrder() {
        partlyShipped("O-1");
        pipeline.send("O-1", SALES, closeShort(" "));
        pipeline.send("O-1", WAREHOUSE, closeShort("out of stock"));
        pipeline.send("O-1", SALES, hold(HoldReason.CUSTOMER_REQUEST));
        pipeline.send("O-1", SALES, closeShort("out of stock"));

        assertThat(refusalCodes()).containsExactly(Refusals.REASON_REQUIRED, Refusals.ROLE_NOT_ALLOWED,
                Refusals.ON_HOLD);
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(pipeline.level("A").getReserved()).isEqualTo(2);
    }
}
