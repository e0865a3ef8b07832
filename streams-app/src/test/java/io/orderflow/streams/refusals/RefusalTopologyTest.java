package io.orderflow.streams.refusals;

import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.complete;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.place;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.OrderRefusals;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Refusal;
import io.orderflow.streams.Pipeline;
import io.orderflow.streams.order.Refusals;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefusalTopologyTest {

    @TempDir
    Path stateDir;
    private Pipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.receive("A", 10);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void shouldKeepAnOrdersRefusalsWithWhoWhenAndWhy() {
        pipeline.send("O-1", SALES, place(line("A", 1, "10.00")));
        String approval = pipeline.send("O-1", SALES, approve());
        String completion = pipeline.send("O-1", WAREHOUSE, complete());

        List<Refusal> kept = kept("O-1");
        assertThat(kept).extracting(Refusal::getCommandId).containsExactly(approval, completion);
        assertThat(kept).isEqualTo(pipeline.refusals());
        Refusal first = kept.get(0);
        assertThat(first.getCode()).isEqualTo(Refusals.ROLE_NOT_ALLOWED);
        assertThat(first.getActor()).isEqualTo(SALES);
        assertThat(first.getReason()).isNotBlank();
        assertThat(first.getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(first.getAt()).isBefore(kept.get(1).getAt());
    }

    @Test
    void shouldKeepARefusalPublishedUnderItsSkuWithItsOrder() {
        Instant at = pipeline.now();
        Refusal bySku = new Refusal("shipment-1", "O-7", "StockShipment", WAREHOUSE, at,
                Refusals.INSUFFICIENT_STOCK, "2 units of A asked, 1 free", null);
        refusalsTopic().pipeInput("A", bySku, at);

        assertThat(kept("O-7")).containsExactly(bySku);
        assertThat(store().get("A")).isNull();
    }

    @Test
    void shouldKeepTheSameRefusalOnceWhenReadAgain() {
        Instant at = pipeline.now();
        Refusal refusal = new Refusal("shipment-1", "O-8", "StockShipment", WAREHOUSE, at,
                Refusals.INSUFFICIENT_STOCK, "2 units of A asked, 1 free", null);
        refusalsTopic().pipeInput("A", refusal, at);
        refusalsTopic().pipeInput("A", refusal, at);

        assertThat(kept("O-8")).containsExactly(refusal);
    }

    @Test
    void shouldKeepOnlyTheLatestRefusalsOfAnOrder() {
        pipeline.send("O-1", SALES, place(line("A", 1, "10.00")));
        List<String> refused = new java.util.ArrayList<>();
        for (int i = 0; i < RefusalKeeper.KEPT + 5; i++) {
            refused.add(pipeline.send("O-1", SALES, approve()));
        }

        assertThat(kept("O-1")).extracting(Refusal::getCommandId)
                .containsExactlyElementsOf(refused.subList(5, refused.size()));
    }

    @Test
    void shouldKeepNothingForARefusalThatNamesNoOrder() {
        pipeline.adjust("A", -50);

        assertThat(pipeline.refusals()).extracting(Refusal::getCode).containsExactly(Refusals.INSUFFICIENT_STOCK);
        try (KeyValueIterator<String, OrderRefusals> all = store().all()) {
            assertThat(all.hasNext()).isFalse();
        }
    }

    @Test
    void shouldKeepNothingForACommandOnAnOrderThatDoesNotExist() {
        pipeline.send("O-404", SALES, approve());

        assertThat(pipeline.refusals()).extracting(Refusal::getCode).containsExactly(Refusals.UNKNOWN_ORDER);
        assertThat(store().get("O-404")).isNull();
    }

    private List<Refusal> kept(String orderId) {
        OrderRefusals kept = store().get(orderId);
        assertThat(kept).as("refusals kept for " + orderId).isNotNull();
        return kept.getRefusals();
    }

    private KeyValueStore<String, OrderRefusals> store() {
        return pipeline.driver.getKeyValueStore(RefusalTopology.STORE);
    }

    private TestInputTopic<String, Refusal> refusalsTopic() {
        return pipeline.driver.createInputTopic(pipeline.topics.orderRefusals().name(),
                pipeline.topics.orderRefusals().keySerde().serializer(),
                pipeline.topics.orderRefusals().valueSerde().serializer());
    }
}
