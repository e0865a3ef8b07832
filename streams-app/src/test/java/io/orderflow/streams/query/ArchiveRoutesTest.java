package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Actor;
import io.orderflow.avro.ArchivedOrder;
import io.orderflow.avro.Channel;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Role;
import io.orderflow.streams.order.OrderLifecycleTopology;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Archived orders as the query API answers them: one by id, marked archived, from the archive kept in the order's
 * own partition; a month listed from the month index across both instances, and exported as the source's
 * 历史订单档案 sheet.
 */
class ArchiveRoutesTest {

    private static final Instant ARCHIVED_AT = TestCluster.NOW.plus(Duration.ofDays(40));

    private final TestCluster cluster = new TestCluster();

    @BeforeEach
    void archivedOrdersOnBothInstancesAndOneLiveOrder() {
        cluster.state.owners.put(1, cluster.peer);
        archive("A-1", "2026-11", OrderStatus.COMPLETED, null);
        archive("A-2", "2026-11", OrderStatus.CANCELLED, null);
        archive("A-3", "2026-11", OrderStatus.COMPLETED, new Actor("demo-platform", Role.PLATFORM));
        archive("A-9", "2026-10", OrderStatus.COMPLETED, null);
        cluster.state.put(OrderLifecycleTopology.ORDERS_STORE, "L-1",
                OrderRoutesTest.order("L-1", OrderStatus.APPROVED, TestCluster.NOW, "C-L-1", Channel.PHONE));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void archive(String id, String month, OrderStatus status, Actor createdBy) {
        OrderState order = OrderRoutesTest.order(id, status, TestCluster.NOW, "C-" + id, Channel.PHONE);
        if (createdBy != null) {
            order.setCreatedBy(createdBy);
        }
        cluster.state.put(OrderLifecycleTopology.ARCHIVE_STORE, id,
                new ArchivedOrder(id, month, TestCluster.NOW, ARCHIVED_AT, order));
        cluster.state.put(OrderLifecycleTopology.ARCHIVE_MONTHS_STORE,
                OrderLifecycleTopology.archiveMonthKey(month, id), TestCluster.NOW.toEpochMilli());
    }

    @Test
    void shouldAnswerAnArchivedOrderByIdMarkedArchivedAndALiveOneNot() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String id : List.of("A-1", "A-2", "A-9")) {
                HttpResponse<byte[]> response = cluster.get("/v1/orders/" + id, "demo-admin");
                assertThat(response.statusCode()).as(id).isEqualTo(200);
                JsonNode order = json(response);
                assertThat(order.get("archived").asBoolean()).as(id).isTrue();
                assertThat(Instant.parse(order.get("archivedAt").asText())).isEqualTo(ARCHIVED_AT);
                assertThat(order.get("alerts")).isEmpty();
            }
            JsonNode live = json(cluster.get("/v1/orders/L-1", "demo-admin"));
            assertThat(live.get("archived").asBoolean()).isFalse();
            assertThat(live.get("archivedAt").isNull()).isTrue();
            assertThat(json(cluster.get("/v1/orders/A-1/history", "demo-admin"))).isNotNull();
            assertThat(cluster.get("/v1/orders/A-1", "demo-platform").statusCode())
                    .as("another's archived order is no order to a platform").isEqualTo(404);
            assertThat(cluster.get("/v1/orders/NOPE", "demo-admin").statusCode()).isEqualTo(404);
        });
    }

    @Test
    void shouldListAMonthOfTheArchiveFromEveryInstanceAndNothingElse() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode body = json(cluster.get("/v1/archive?month=2026-11", "demo-admin"));
            assertThat(body.get("items").findValuesAsText("orderId")).containsExactlyInAnyOrder("A-1", "A-2", "A-3");
            body.get("items").forEach(item -> assertThat(item.get("archived").asBoolean()).isTrue());
            assertThat(json(cluster.get("/v1/archive?month=2026-10", "demo-admin")).get("items")
                    .findValuesAsText("orderId")).containsExactly("A-9");
            assertThat(json(cluster.get("/v1/archive?month=2026-12", "demo-admin")).get("items")).isEmpty();
            assertThat(json(cluster.get("/v1/archive?month=2026-11", "demo-platform")).get("items")
                    .findValuesAsText("orderId")).as("a platform's own orders only").containsExactly("A-3");
            List<String> pages = new ArrayList<>();
            JsonNode page = json(cluster.get("/v1/archive?month=2026-11&limit=2", "demo-admin"));
            page.get("items").forEach(item -> pages.add(item.get("orderId").asText()));
            String next = page.get("nextCursor").asText();
            json(cluster.get("/v1/archive?month=2026-11&limit=2&cursor=" + next, "demo-admin")).get("items")
                    .forEach(item -> pages.add(item.get("orderId").asText()));
            assertThat(pages).containsExactlyInAnyOrder("A-1", "A-2", "A-3");
        });
    }

    @Test
    void shouldExportAMonthAsTheHistoricalOrderArchiveSheet() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            List<String> csv = List.of(text(cluster.get("/v1/archive?month=2026-11&format=csv&rows=line&lang=zh",
                    "demo-admin")).replace("\uFEFF", "").split("\r\n"));
            assertThat(csv.get(0)).startsWith("订单编号,下单日期");
            assertThat(csv.subList(1, csv.size())).extracting(line -> line.substring(0, line.indexOf(',')))
                    .containsExactlyInAnyOrder("A-1", "A-2", "A-3");

            HttpResponse<byte[]> xlsx = cluster.get("/v1/archive?month=2026-11&format=xlsx", "demo-admin");
            assertThat(xlsx.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                    disposition -> assertThat(disposition).contains("archive-2026-11.xlsx"));
            assertThat(Workbooks.cells(xlsx.body())).contains("A-1", "A-2", "A-3").doesNotContain("A-9", "L-1");
            // the workbook names its sheets in character references
            String sheet = "历史订单档案".codePoints().mapToObj(c -> String.format("&#x%x;", c))
                    .collect(java.util.stream.Collectors.joining());
            assertThat(Workbooks.part(xlsx.body(), "xl/workbook.xml")).contains("<sheet name=\"" + sheet + "\"");
        });
    }

    @Test
    void shouldAskForTheMonthNamingItWhenMissingOrWrong() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String query : List.of("", "?month=2026-13", "?month=november")) {
                HttpResponse<byte[]> response = cluster.get("/v1/archive" + query, "demo-admin");
                assertThat(response.statusCode()).as(query).isEqualTo(400);
                assertThat(json(response).get("problems").findValuesAsText("field")).containsExactly("month");
            }
        });
    }
}
