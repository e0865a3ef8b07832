package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Channel;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.StockLevel;
import io.orderflow.streams.analytics.CustomerStats;
import io.orderflow.streams.analytics.SalesFigures;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A list, stock or a report read with a consistency token answers once every stage between the
 * written topic and the store has passed the write (the app's committed offsets, across
 * instances), and with 503 + Retry-After when that does not happen within the timeout.
 */
class ReadAfterWriteRoutesTest {

    private static final TopicPartition COMMANDS_3 = new TopicPartition("order-commands", 3);
    private static final TopicPartition REQUESTS_0 = new TopicPartition("orderflow-stock-by-sku", 0);

    private final TestCluster cluster = new TestCluster();

    @BeforeEach
    void twoInstancesAndTheStagesOfTheTopology() {
        cluster.state.owners.put(1, cluster.peer);
        cluster.progress.stages("order-commands", "orders-store", List.of(Set.of("order-commands")));
        cluster.progress.stages("order-commands", "stock-levels-store",
                List.of(Set.of("order-commands"), Set.of("orderflow-stock-by-sku")));
        cluster.progress.stages("order-commands", "report-customers",
                List.of(Set.of("order-commands"), Set.of("order-events")));
        cluster.progress.committed.put(COMMANDS_3, 10L);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void shouldListOrdersOnceTheTaskOfTheWrittenPartitionHasCommittedPastIt() {
        cluster.scheduler.schedule(() -> {
            cluster.state.put("orders-store", "N-1", OrderRoutesTest.order("N-1", OrderStatus.PENDING_REVIEW,
                    TestCluster.NOW, "C1", Channel.ONLINE));
            cluster.progress.committed.put(COMMANDS_3, 13L);
        }, 300, TimeUnit.MILLISECONDS);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> list = cluster.get("/v1/orders?after=order-commands:3:12&timeout=10s", "demo-sales");

            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(json(list).get("items").findValuesAsText("orderId")).containsExactly("N-1");
        });
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheWriteIsNotProcessedInTime() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String path : List.of("/v1/orders", "/v1/orders?format=csv", "/v1/stock", "/v1/stock/SKU-A",
                    "/v1/reports/customers")) {
                String sep = path.contains("?") ? "&" : "?";
                HttpResponse<byte[]> response = cluster.get(path + sep + "timeout=300ms", "demo-admin",
                        Map.of("X-Orderflow-Consistency", "order-commands:3:10"));
                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).as(path).isPresent();
                assertThat(json(response).get("message").asText()).as(path).contains("order-commands:3:10");
            }
            assertThat(cluster.get("/v1/orders?after=order-commands:3:9", "demo-admin").statusCode()).isEqualTo(200);
            assertThat(cluster.get("/v1/stock?after=bad", "demo-admin").statusCode()).isEqualTo(400);
        });
    }

    @Test
    void shouldAnswerStockOnceTheLedgerHasReadEverythingTheWriteLedTo() {
        cluster.state.put("stock-levels-store", "SKU-A", level(10, 0));
        cluster.progress.ends.put(REQUESTS_0, 42L);
        cluster.progress.committed.put(REQUESTS_0, 30L);
        cluster.scheduler.schedule(() -> cluster.progress.committed.put(COMMANDS_3, 11L), 200, TimeUnit.MILLISECONDS);
        cluster.scheduler.schedule(() -> {
            cluster.state.put("stock-levels-store", "SKU-A", level(10, 3));
            cluster.progress.committed.put(REQUESTS_0, 41L);
        }, 600, TimeUnit.MILLISECONDS);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> one = cluster.get("/v1/stock/SKU-A?after=order-commands:3:10&timeout=10s", "demo-sales");
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(json(one).get("reserved").asInt()).isEqualTo(3);
            HttpResponse<byte[]> all = cluster.get("/v1/stock?after=order-commands:3:10&timeout=10s", "demo-sales");
            assertThat(json(all).get("items").get(0).get("available").asInt()).isEqualTo(7);
        });
    }

    @Test
    void shouldAnswerAReportOnlyWhenEveryStageOnTheWayHasPassedTheWrite() {
        TopicPartition events = new TopicPartition("order-events", 3);
        cluster.progress.committed.put(COMMANDS_3, 11L);
        cluster.progress.ends.put(events, 8L);
        cluster.progress.committed.put(events, 5L);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            String path = "/v1/reports/customers?after=order-commands:3:10&timeout=";
            assertThat(cluster.get(path + "300ms", "demo-analyst").statusCode()).as("events behind").isEqualTo(503);

            cluster.progress.committed.put(events, 7L);
            cluster.state.put("report-customers", "C9", new CustomerStats(new SalesFigures(1, 2, new BigDecimal("3.00")), null, null));
            HttpResponse<byte[]> report = cluster.get(path + "10s", "demo-analyst");
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(json(report).get("items").findValuesAsText("customerId")).containsExactly("C9");
        });
    }

    private static StockLevel level(int onHand, int reserved) {
        return StockLevel.newBuilder().setSku("SKU-A").setOnHand(onHand).setReserved(reserved)
                .setUpdatedAt(TestCluster.NOW).build();
    }
}
