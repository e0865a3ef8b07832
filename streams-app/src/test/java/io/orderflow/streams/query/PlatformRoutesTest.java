package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Role;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An e-commerce platform's key (role platform, principal {@code demo-platform}) reads the orders
 * it placed itself, personal data masked, and nothing else: another's order is a 404 like an
 * order that does not exist, lists and exports hold only its own orders, and stock, alerts,
 * sales, reports and the live stream stay closed to it.
 */
class PlatformRoutesTest {

    private static final Actor PLATFORM = new Actor("demo-platform", Role.PLATFORM);
    private static final Actor OTHER_PLATFORM = new Actor("shop-two", Role.PLATFORM);

    private final TestCluster cluster = new TestCluster(2);

    @BeforeEach
    void ordersOfThreeCreators() {
        cluster.state.owners.put(1, cluster.peer);
        for (int i = 0; i < 6; i++) {
            put(placed("P-" + i, PLATFORM, i));
            put(placed("S-" + i, null, i));
            put(placed("X-" + i, OTHER_PLATFORM, i));
        }
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static OrderState placed(String id, Actor creator, int minutesAgo) {
        OrderState order = OrderRoutesTest.order(id, OrderStatus.APPROVED, TestCluster.NOW.minusSeconds(60L * minutesAgo),
                "C1", Channel.ONLINE);
        if (creator != null) {
            order.setCreatedBy(creator);
        }
        return order;
    }

    private void put(OrderState order) {
        cluster.state.put("orders-store", order.getOrderId(), order);
    }

    @Test
    void shouldReadItsOwnOrderAndItsHistoryMaskedOnEitherInstance() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (int i = 0; i < 6; i++) {
                HttpResponse<byte[]> response = cluster.get("/v1/orders/P-" + i, "demo-platform");
                assertThat(response.statusCode()).as("P-" + i).isEqualTo(200);
                JsonNode customer = json(response).get("customer");
                assertThat(customer.get("phone").asText()).isEqualTo("138****8000");
                assertThat(customer.get("contactName").asText()).isEqualTo("王**");
                assertThat(customer.get("address").asText()).isEqualTo("深圳市南山****");
                assertThat(json(cluster.get("/v1/orders/P-" + i + "/history", "demo-platform")).get("items")).hasSize(1);
            }
        });
    }

    @Test
    void shouldAnswerItsOrdersWithoutAlertsAlikeOnEitherInstance() {
        for (String id : List.of("P-0", "P-1")) {
            var alert = io.orderflow.avro.Alert.newBuilder().setAlertId("STALLED:" + id)
                    .setType(io.orderflow.avro.AlertType.STALLED).setState(io.orderflow.avro.AlertState.RAISED)
                    .setOrderId(id).setOrderStatus(OrderStatus.APPROVED).setMessage(id + " stalled")
                    .setAt(TestCluster.NOW).build();
            cluster.state.put("alerts-active-store", alert.getAlertId(), alert);
        }
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String id : List.of("P-0", "P-1")) {
                assertThat(json(cluster.get("/v1/orders/" + id, "demo-sales")).get("alerts")).as(id).hasSize(1);
                JsonNode own = json(cluster.get("/v1/orders/" + id, "demo-platform"));
                assertThat(own.get("alerts")).as(id).isEmpty();
                assertThat(own.get("colour").asText()).as(id).isEqualTo("yellow");
            }
            assertThat(json(cluster.get("/v1/orders?limit=1000", "demo-platform")).get("items").findValuesAsText("colour"))
                    .containsOnly("yellow");
        });
    }

    @Test
    void shouldAnswerAnotherCreatorsOrderAsNotFoundNotForbidden() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode missing = json(cluster.get("/v1/orders/NOPE", "demo-platform"));
            for (String id : List.of("S-0", "S-1", "X-0", "X-1")) {
                for (String path : List.of("/v1/orders/" + id, "/v1/orders/" + id + "/history")) {
                    HttpResponse<byte[]> response = cluster.get(path, "demo-platform");
                    assertThat(response.statusCode()).as(path).isEqualTo(404);
                    assertThat(json(response)).as(path).isEqualTo(missing);
                }
                assertThat(cluster.get("/v1/orders/" + id, "demo-sales").statusCode()).isEqualTo(200);
            }
        });
    }

    @Test
    void shouldListAndExportOnlyItsOwnOrdersMasked() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            List<String> listed = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = json(cluster.get("/v1/orders?limit=4" + (cursor == null ? "" : "&cursor=" + cursor),
                        "demo-platform"));
                page.get("items").forEach(o -> {
                    listed.add(o.get("orderId").asText());
                    assertThat(o.get("customer").get("phone").asText()).isEqualTo("138****8000");
                });
                cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
            assertThat(listed).containsExactly("P-0", "P-1", "P-2", "P-3", "P-4", "P-5");
            assertThat(json(cluster.get("/v1/orders?limit=1000", "demo-sales")).get("items")).hasSize(18);

            String csv = text(cluster.get("/v1/orders?format=csv", "demo-platform"));
            List<String> rows = List.of(csv.split("\r\n"));
            assertThat(rows).hasSize(7);
            assertThat(rows.subList(1, 7)).allSatisfy(row -> assertThat(row).startsWith("P-").contains("138****8000"));
            assertThat(csv).doesNotContain("13800138000").doesNotContain("S-").doesNotContain("X-");

            List<String> cells = Workbooks.cells(cluster.get("/v1/orders?format=xlsx", "demo-platform").body());
            assertThat(cells).contains("P-0", "P-5", "138****8000").doesNotContain("S-0", "X-0", "13800138000");
        });
    }

    @Test
    void shouldStayForbiddenFromStockAlertsSalesReportsAndTheStream() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String path : List.of("/v1/stock", "/v1/stock/SKU-1", "/v1/alerts", "/v1/sales", "/v1/reports/monthly",
                    "/v1/reports/fulfilment", "/v1/reports/customers", "/v1/reports/cycle-times", "/v1/reports/cancellations", "/v1/stream",
                    "/v1/instances")) {
                HttpResponse<byte[]> response = cluster.get(path, "demo-platform");
                assertThat(response.statusCode()).as(path).isEqualTo(403);
            }
        });
    }
}
