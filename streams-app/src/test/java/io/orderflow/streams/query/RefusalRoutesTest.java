package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.OrderRefusals;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/orders/{id}/refusals}: the refusals kept with an order, from wherever they are held. */
class RefusalRoutesTest {

    private static final String REFUSALS = "order-refusals-store";

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void order(String id) {
        cluster.state.put("orders-store", id,
                OrderRoutesTest.order(id, OrderStatus.PENDING_REVIEW, TestCluster.NOW, "C1", Channel.PHONE));
    }

    private void refused(String orderId, Refusal... refusals) {
        cluster.state.put(REFUSALS, orderId, new OrderRefusals(new ArrayList<>(List.of(refusals))));
    }

    private static Refusal refusal(String commandId, String orderId, Duration after, String code) {
        return new Refusal(commandId, orderId, "ApproveOrder", new Actor("sam.sales", Role.SALES),
                TestCluster.NOW.plus(after), code, "sales may not approve an order", OrderStatus.PENDING_REVIEW);
    }

    @Test
    void shouldAnswerAnOrdersRefusalsNewestFirstWithWhoWhenAndWhy() {
        order("O-1");
        refused("O-1", refusal("c-1", "O-1", Duration.ofMinutes(1), "ROLE_NOT_ALLOWED"),
                refusal("c-2", "O-1", Duration.ofMinutes(2), "FOUR_EYES"));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-1/refusals", "demo-reviewer");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode items = json(response).get("items");
            assertThat(items.findValuesAsText("commandId")).containsExactly("c-2", "c-1");
            JsonNode oldest = items.get(1);
            assertThat(oldest.get("orderId").asText()).isEqualTo("O-1");
            assertThat(oldest.get("command").asText()).isEqualTo("ApproveOrder");
            assertThat(oldest.get("actor").asText()).isEqualTo("sam.sales");
            assertThat(oldest.get("role").asText()).isEqualTo("sales");
            assertThat(oldest.get("at").asText()).isEqualTo("2026-11-22T08:01:00Z");
            assertThat(oldest.get("code").asText()).isEqualTo("ROLE_NOT_ALLOWED");
            assertThat(oldest.get("reason").asText()).isEqualTo("sales may not approve an order");
            assertThat(oldest.get("status").asText()).isEqualTo("PENDING_REVIEW");
        });
    }

    @Test
    void shouldAnswerNoRefusalsOfAnOrderNothingWasRefusedFor() {
        order("O-1");
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-1/refusals", "demo-sales");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("items")).isEmpty();
        });
    }

    @Test
    void shouldAskTheInstanceThatHoldsTheRefusalsWhenTheOrderIsHeldHere() {
        order("O-1");
        refused("O-1", refusal("c-1", "O-1", Duration.ofMinutes(1), "ROLE_NOT_ALLOWED"));
        cluster.state.refusalOwners.put(InMemoryState.partitionOf(REFUSALS, "O-1"), cluster.peer);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-1/refusals", "demo-warehouse");

            assertThat(response.statusCode()).as(TestCluster.text(response)).isEqualTo(200);
            assertThat(json(response).get("items").findValuesAsText("commandId")).containsExactly("c-1");
            assertThat(cluster.askedOf(cluster.peer)).containsExactly("order-refusals");
        });
    }

    @Test
    void shouldAnswerTheRefusalsOfAnOrderHeldByAnotherInstance() {
        order("O-1");
        refused("O-1", refusal("c-1", "O-1", Duration.ofMinutes(1), "ROLE_NOT_ALLOWED"));
        cluster.state.owners.put(InMemoryState.partitionOf(REFUSALS, "O-1"), cluster.peer);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-1/refusals", "demo-reviewer");

            assertThat(response.statusCode()).as(TestCluster.text(response)).isEqualTo(200);
            assertThat(json(response).get("items").findValuesAsText("commandId")).containsExactly("c-1");
            assertThat(cluster.askedOf(cluster.peer)).containsExactly("order-history", "order-refusals");
        });
    }

    @Test
    void shouldAnswerNoOrderAsNotFoundAndARefusalsPlatformAsForbidden() {
        refused("O-9", refusal("c-1", "O-9", Duration.ofMinutes(1), "UNKNOWN_SKU"));
        order("O-1");
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(cluster.get("/v1/orders/O-9/refusals", "demo-sales").statusCode()).isEqualTo(404);
            assertThat(cluster.get("/v1/orders/O-1/refusals", "demo-platform").statusCode()).isEqualTo(403);
            assertThat(cluster.get("/v1/orders/O-1/refusals", null).statusCode()).isEqualTo(401);
        });
    }

    @Test
    void shouldAnswerAfterAWriteOnlyOnceTheRefusalsHavePassedIt() {
        order("O-1");
        TopicPartition commands = new TopicPartition("order-commands", 0);
        TopicPartition refusals = new TopicPartition("order-refusals", 0);
        cluster.progress.stages("order-commands", "orders-store", List.of(Set.of("order-commands")));
        cluster.progress.stages("order-commands", REFUSALS, List.of(Set.of("order-commands"), Set.of("order-refusals")));
        cluster.progress.committed.put(commands, 11L);
        cluster.progress.ends.put(refusals, 5L);
        cluster.progress.committed.put(refusals, 3L);
        cluster.scheduler.schedule(() -> {
            refused("O-1", refusal("c-1", "O-1", Duration.ofMinutes(1), "ROLE_NOT_ALLOWED"));
            cluster.progress.committed.put(refusals, 4L);
        }, 300, TimeUnit.MILLISECONDS);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-1/refusals?after=order-commands:0:10&timeout=10s",
                    "demo-sales");

            assertThat(response.statusCode()).as(TestCluster.text(response)).isEqualTo(200);
            assertThat(json(response).get("items").findValuesAsText("commandId")).containsExactly("c-1");
        });
    }
}
