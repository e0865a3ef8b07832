package io.orderflow.streams.order;

import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.approveCancellation;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.requestCancellation;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Actor;
import io.orderflow.avro.ArchivedOrder;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderProcessing;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Product;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.Role;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockAnswer;
import io.orderflow.avro.StockAnswerType;
import io.orderflow.avro.StockMessage;
import io.orderflow.avro.StockMessageType;
import io.orderflow.serde.AvroSerde;
import io.orderflow.serde.InMemorySchemaRegistry;
import io.orderflow.streams.catalog.CatalogTopology;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order processor on its own, so that commands and stock answers can arrive in any order while an approval
 * waits for its SKUs (through the whole topology on TopologyTestDriver the answer always comes first).
 */
class OrderProcessorTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final MockProcessorContext<String, OrderOutput> context = new MockProcessorContext<>();
    private final OrderProcessor processor =
            new OrderProcessor(AvroSerde.specific(OrderState.class, registry, false).serializer());
    private KeyValueStore<String, OrderState> orders;
    private int sequence;

    @BeforeEach
    void init() {
        orders = store(OrderLifecycleTopology.ORDERS_STORE, OrderState.class);
        store(OrderLifecycleTopology.PROCESSING_STORE, OrderProcessing.class);
        store(OrderLifecycleTopology.ARCHIVE_STORE, ArchivedOrder.class);
        KeyValueStore<String, Long> months = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(OrderLifecycleTopology.ARCHIVE_MONTHS_STORE), Serdes.String(),
                Serdes.Long()).withLoggingDisabled().build();
        months.init(context.getStateStoreContext(), months);
        context.addStateStore(months);
        KeyValueStore<String, Product> products = store(CatalogTopology.PRODUCTS_STORE, Product.class);
        products.put("A", Product.newBuilder().setSku("A").setName("A").setCategory("tools")
                .setUpdatedBy(SALES).setUpdatedAt(AT).build());
        processor.init(context);
    }

    private <V> KeyValueStore<String, V> store(String name, Class<V> type) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), AvroSerde.specific(type, registry, false)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private String command(String orderId, Actor actor, Object payload) {
        String commandId = "c-" + (++sequence);
        processor.process(new Record<>(orderId, new OrderCommand(commandId, orderId, actor, AT, payload), 0L));
        return commandId;
    }

    private List<Object> forwarded() {
        List<Object> values = context.forwarded().stream().map(f -> f.record().value().value()).toList();
        context.resetForwards();
        return values;
    }

    private void answer(int attempt, boolean reserved) {
        processor.process(new Record<>("O-1", new StockAnswer(reserved ? StockAnswerType.RESERVED : StockAnswerType.SHORT,
                "O-1", attempt, null, reserved ? List.of() : List.of(new ShipmentLine("A", 2))), 0L));
    }

    private void wake(int afterAttempt) {
        processor.process(new Record<>("O-1", new StockAnswer(StockAnswerType.WAKE, "O-1", afterAttempt, "A",
                List.of()), 0L));
    }

    private static List<StockMessageType> stockMessages(List<Object> out) {
        return out.stream().filter(StockMessage.class::isInstance).map(m -> ((StockMessage) m).getType()).toList();
    }

    @Test
    void shouldHoldCommandsWhileAnApprovalWaitsForTheLedgerAndApplyThemInOrderAfterwards() {
        command("O-1", SALES, place(line("A", 2, "1.00")));
        forwarded();
        command("O-1", REVIEWER, approve());
        assertThat(forwarded()).singleElement().isInstanceOfSatisfying(StockMessage.class, hold -> {
            assertThat(hold.getType()).isEqualTo(StockMessageType.HOLD);
            assertThat(hold.getSku()).isEqualTo("A");
            assertThat(hold.getAttempt()).isEqualTo(1);
            assertThat(hold.getLines()).extracting(ShipmentLine::getQuantity).containsExactly(2);
        });

        command("O-1", new Actor("rob.reviewer", Role.REVIEWER), approve());
        command("O-1", SALES, requestCancellation());
        command("O-1", REVIEWER, approveCancellation());
        assertThat(forwarded()).isEmpty();
        assertThat(orders.get("O-1").getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);

        answer(1, true);

        List<Object> out = forwarded();
        assertThat(out).filteredOn(OrderChange.class::isInstance).extracting(o -> ((OrderChange) o).after().getStatus())
                .containsExactly(OrderStatus.APPROVED, OrderStatus.APPROVED, OrderStatus.CANCELLED);
        assertThat(out).filteredOn(OrderChange.class::isInstance).as("each change knows the state it changed")
                .extracting(o -> ((OrderChange) o).before().getStatus())
                .containsExactly(OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, OrderStatus.APPROVED);
        assertThat(out).filteredOn(Refusal.class::isInstance).extracting(r -> ((Refusal) r).getCode())
                .containsExactly(Refusals.INVALID_TRANSITION);
        assertThat(stockMessages(out)).containsExactly(StockMessageType.DROP);
        assertThat(orders.get("O-1").getStatus()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void shouldKnowAnApprovalAnsweredFromTheOrdersHistoryWithoutRewritingItsBookkeeping() {
        KeyValueStore<String, OrderProcessing> bookkeeping = context.getStateStore(OrderLifecycleTopology.PROCESSING_STORE);
        command("O-1", SALES, place(line("A", 2, "1.00")));
        String approval = command("O-1", REVIEWER, approve());
        forwarded();
        OrderProcessing parked = bookkeeping.get("O-1");
        assertThat(parked.getPendingApproval().getCommandId()).isEqualTo(approval);

        answer(1, true);

        assertThat(orders.get("O-1").getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(bookkeeping.get("O-1")).as("the answer is told by the order's history, not written here")
                .isEqualTo(parked);
        forwarded();

        // a processor started anew on the same stores (a revived task) reads the answer from the history too
        OrderProcessor revived = new OrderProcessor(AvroSerde.specific(OrderState.class, registry, false).serializer());
        revived.init(context);
        revived.process(new Record<>("O-1", new StockAnswer(StockAnswerType.RESERVED, "O-1", 1, null, List.of()), 0L));
        revived.process(new Record<>("O-1", new OrderCommand(approval, "O-1", REVIEWER, AT, approve()), 0L));
        assertThat(forwarded()).as("a repeated answer and a repeated approval change nothing").isEmpty();
        assertThat(bookkeeping.get("O-1")).isEqualTo(parked);

        revived.process(new Record<>("O-1", new OrderCommand("c-cancel", "O-1", SALES, AT, requestCancellation()), 0L));
        revived.process(new Record<>("O-1", new OrderCommand("c-approve-cancel", "O-1", REVIEWER, AT,
                approveCancellation()), 0L));
        List<Object> out = forwarded();
        assertThat(out).filteredOn(StockMessage.class::isInstance)
                .singleElement().isInstanceOfSatisfying(StockMessage.class, drop -> {
                    assertThat(drop.getType()).isEqualTo(StockMessageType.DROP);
                    assertThat(drop.getAttempt()).as("the reserved attempt is let go").isEqualTo(1);
                });
        assertThat(orders.get("O-1").getStatus()).isEqualTo(OrderStatus.CANCELLED);
        OrderProcessing after = bookkeeping.get("O-1");
        assertThat(after.getPendingApproval()).as("written once something else changed").isNull();
        assertThat(after.getStock().getAttempt()).isEqualTo(1);
    }

    @Test
    void shouldParkTheOrderAwaitingStockWhenTheLedgerIsShort() {
        command("O-1", SALES, place(line("A", 2, "1.00")));
        command("O-1", REVIEWER, approve());
        forwarded();

        answer(1, false);

        OrderState order = orders.get("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.AWAITING_STOCK);
        assertThat(order.getShortfall()).extracting(ShipmentLine::getQuantity).containsExactly(2);
        assertThat(order.getReviewer()).isEqualTo(REVIEWER);
    }

    @Test
    void shouldIgnoreARepeatedCommandWhileItIsHeld() {
        command("O-1", SALES, place(line("A", 2, "1.00")));
        command("O-1", REVIEWER, approve());
        processor.process(new Record<>("O-1", new OrderCommand("same", "O-1", SALES, AT, requestCancellation()),
                0L));
        processor.process(new Record<>("O-1", new OrderCommand("same", "O-1", SALES, AT, requestCancellation()),
                0L));
        forwarded();

        answer(1, true);

        assertThat(forwarded()).filteredOn(Refusal.class::isInstance).isEmpty();
        assertThat(orders.get("O-1").getCancellation()).isNotNull();
        assertThat(orders.get("O-1").getVersion()).isEqualTo(3);
    }

    @Test
    void shouldTryAgainWhenWokenAndApproveTheWaitingOrderOnceEveryLineIsReserved() {
        command("O-1", SALES, place(line("A", 2, "1.00")));
        command("O-1", REVIEWER, approve());
        answer(1, false);
        forwarded();

        wake(1);
        List<Object> retry = forwarded();
        assertThat(stockMessages(retry)).containsExactly(StockMessageType.HOLD);
        assertThat(retry).filteredOn(StockMessage.class::isInstance).singleElement()
                .satisfies(hold -> assertThat(((StockMessage) hold).getAttempt()).isEqualTo(2));
        answer(2, true);

        OrderState order = orders.get("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(order.getHistory().get(order.getHistory().size() - 1).getActor().getRole()).isEqualTo(Role.SYSTEM);
        forwarded();
        answer(2, true);
        wake(1);
        assertThat(forwarded()).as("a repeated answer and a stale wake change nothing").isEmpty();
    }

    @Test
    void shouldDropAnAllocationForAnOrderCancelledMeanwhile() {
        command("O-1", SALES, place(line("A", 2, "1.00")));
        command("O-1", REVIEWER, approve());
        answer(1, false);
        forwarded();
        wake(1);
        command("O-1", SALES, requestCancellation());
        command("O-1", REVIEWER, approveCancellation());
        List<Object> out = forwarded();
        assertThat(stockMessages(out)).as("the retry's hold, then the cancellation's drop")
                .containsExactly(StockMessageType.HOLD, StockMessageType.DROP);

        answer(2, true);

        assertThat(forwarded()).isEmpty();
        assertThat(orders.get("O-1").getStatus()).isEqualTo(OrderStatus.CANCELLED);
    }
}
