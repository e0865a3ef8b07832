package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Alert;
import io.orderflow.avro.ArchivedOrder;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.Channel;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Role;
import io.orderflow.avro.StockLevel;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.analytics.Cancellations;
import io.orderflow.streams.analytics.CustomerStats;
import io.orderflow.streams.analytics.CycleTimes;
import io.orderflow.streams.analytics.Fulfilment;
import io.orderflow.streams.analytics.SalesFigures;
import io.orderflow.streams.query.service.PeerQuery;
import io.orderflow.streams.query.state.PeerSecret;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The peer protocol's one route, asked as another instance asks it: every kind answered from this instance's own
 * state only (partition 0 here, partition 1 on the peer), never passed on; nothing without the deployment's secret;
 * for a client's key nothing its public routes would not answer it; a question it does not know a 400 naming what
 * is wrong, never a 5xx.
 */
class PeerRoutesTest {

    private static final String SECRET = "test-peer-secret-of-this-cluster";
    private static final Map<String, String> SIGNED = Map.of(PeerSecret.HEADER, SECRET);
    private static final List<String> KEYS = List.of("demo-sales", "demo-reviewer", "demo-warehouse", "demo-service",
            "demo-analyst", "demo-admin", "demo-platform", "demo-logistics-sf");
    private static final List<String> LISTS = List.of("orders", "archive-month", "stock", "alerts", "sales", "report-monthly",
            "report-fulfilment", "report-customers", "report-cycle-times", "report-cancellations");

    private final TestCluster cluster = new TestCluster();
    /** An order of partition 0, held here, and one of partition 1, held by the peer; both under an alert. */
    private final String mine = idIn(0, "O-");
    private final String theirs = idIn(1, "O-");
    /** A SKU kept in partition 0, here: stock is partitioned by SKU like the orders by id. */
    private final String sku = idIn(0, "SKU-");
    /** An order the platform placed, in partition 0, under an alert too. */
    private final String placed = idIn(0, "P-");

    @BeforeEach
    void ordersAlertsStockAndReportsInPartitionZeroHereAndOneOnThePeer() {
        cluster.state.owners.put(1, cluster.peer);
        for (String id : List.of(mine, theirs, placed)) {
            OrderState order = OrderRoutesTest.order(id, OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.ONLINE);
            if (id.equals(placed)) {
                order.setCreatedBy(new Actor("demo-platform", Role.PLATFORM));
            }
            cluster.state.put("orders-store", id, order);
            Alert alert = Alert.newBuilder().setAlertId("STALLED:" + id).setType(AlertType.STALLED)
                    .setState(AlertState.RAISED).setOrderId(id).setOrderStatus(OrderStatus.APPROVED)
                    .setMessage(id + " stalled").setAt(TestCluster.NOW).build();
            cluster.state.put("alerts-active-store", alert.getAlertId(), alert);
        }
        String archived = idIn(0, "A-");
        cluster.state.put(OrderLifecycleTopology.ARCHIVE_STORE, archived, new ArchivedOrder(archived, "2026-11",
                TestCluster.NOW, TestCluster.NOW,
                OrderRoutesTest.order(archived, OrderStatus.COMPLETED, TestCluster.NOW, "C1", Channel.ONLINE)));
        cluster.state.put(OrderLifecycleTopology.ARCHIVE_MONTHS_STORE,
                OrderLifecycleTopology.archiveMonthKey("2026-11", archived), TestCluster.NOW.toEpochMilli());
        cluster.state.put("stock-levels-store", sku, StockLevel.newBuilder().setSku(sku).setOnHand(10).setReserved(4)
                .setUpdatedAt(TestCluster.NOW).build());
        SalesFigures figures = new SalesFigures(2, 3, new BigDecimal("50.00"));
        cluster.state.putIn("sales-daily", 0, "category|tea|2026-11-22", figures);
        cluster.state.putIn("report-monthly-by-customer", 0, "2026-11|C1", figures);
        cluster.state.putIn("report-fulfilment", 0, "2026-11|channel|ONLINE", new Fulfilment(4, 3));
        cluster.state.putIn("report-customers", 0, "C1", new CustomerStats(figures, null, null));
        cluster.state.putIn("report-cycle-times", 0, "2026-11|order-to-approval",
                new CycleTimes(0, 0, new TreeMap<>()).add(60_000));
        cluster.state.putIn("report-cancellations", 0, "2026-11", new Cancellations(4, 1));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static String idIn(int partition, String prefix) {
        for (int i = 0; ; i++) {
            if (InMemoryState.partitionOf("orders-store", prefix + i) == partition) {
                return prefix + i;
            }
        }
    }

    private HttpResponse<byte[]> ask(String question, String key, Map<String, String> headers) {
        return cluster.post(PeerQuestions.PATH, question, key, headers);
    }

    private static JsonNode error(HttpResponse<byte[]> response, int status, String what) {
        assertThat(response.statusCode()).as(what + " -> " + TestCluster.text(response)).isEqualTo(status);
        JsonNode error = json(response);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        return error;
    }

    private static List<String> fields(JsonNode error) {
        List<String> fields = new ArrayList<>();
        error.get("problems").forEach(p -> fields.add(p.get("field").asText()));
        return fields;
    }

    @Test
    void shouldKnowAQuestionOfEveryKind() {
        assertThat(PeerQuestions.of(mine, sku).keySet()).containsExactlyInAnyOrderElementsOf(PeerQuery.kinds());
    }

    @Test
    void shouldAnswerEveryKindFromThePartitionsHeldHereOnly() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            Map<String, String> questions = PeerQuestions.of(mine, sku);
            Map<String, JsonNode> answers = new TreeMap<>();
            questions.forEach((kind, question) -> {
                HttpResponse<byte[]> answer = ask(question, "demo-admin", SIGNED);
                assertThat(answer.statusCode()).as(kind + " -> " + TestCluster.text(answer)).isEqualTo(200);
                answers.put(kind, json(answer));
            });

            JsonNode order = answers.get("order");
            assertThat(order.get("orderId").asText()).isEqualTo(mine);
            assertThat(order.get("customer").get("phone").asText()).isEqualTo("13800138000");
            assertThat(order.get("alerts").findValuesAsText("type")).containsExactly("STALLED");
            assertThat(answers.get("order-history")).hasSize(1);
            assertThat(answers.get("order-alerts").findValuesAsText("orderId")).containsExactly(mine);
            assertThat(answers.get("stock-level").get("available").asInt()).isEqualTo(6);
            for (String list : LISTS) {
                JsonNode slices = answers.get(list);
                assertThat(slices.findValuesAsText("partition")).as(list).containsOnly("0");
                assertThat(slices.get(0).get("items")).as(list).isNotEmpty();
            }
            // no order here owes anything yet: the receivables answer this partition's slice, empty
            assertThat(answers.get("report-receivables").findValuesAsText("partition")).containsOnly("0");
            assertThat(answers.get("orders").get(0).get("items").findValuesAsText("orderId"))
                    .containsExactlyInAnyOrder(mine, placed);
            assertThat(answers.get("alerts").get(0).get("items").findValuesAsText("orderId"))
                    .containsExactlyInAnyOrder(mine, placed);

            HttpResponse<byte[]> elsewhere = ask(PeerQuestions.of(theirs, sku).get("order"), "demo-admin", SIGNED);
            assertThat(elsewhere.statusCode()).as("a key held by the peer is not passed on").isEqualTo(503);
            assertThat(cluster.askedOf(cluster.peer)).as("questions this instance asked the peer").isEmpty();
        });
    }

    @Test
    void shouldRefuseEveryKindWithoutTheDeploymentsSecretBeforeLookingAtTheKey() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            PeerQuestions.of(mine, sku).forEach((kind, question) -> {
                for (String key : new String[] {"demo-admin", "not-a-key", null}) {
                    JsonNode unsigned = error(ask(question, key, Map.of()), 403, kind + " unsigned, key " + key);
                    assertThat(unsigned.get("message").asText()).contains(PeerSecret.HEADER);
                    error(ask(question, key, Map.of(PeerSecret.HEADER, "wrong-secret-of-another-deployment")), 403,
                            kind + " wrong secret, key " + key);
                }
            });
            assertThat(ask("{\"kind\":\"nope\"}", null, Map.of()).statusCode()).isEqualTo(403);
        });
    }

    @Test
    void shouldAnswerAKeyWithTheStatusItsPublicRouteAnswersIt() {
        Map<String, String> routes = new TreeMap<>(Map.of(
                "order", "/v1/orders/" + mine,
                "order-history", "/v1/orders/" + mine + "/history",
                "order-refusals", "/v1/orders/" + mine + "/refusals",
                "stock-level", "/v1/stock/" + sku,
                "orders", "/v1/orders",
                "stock", "/v1/stock",
                "alerts", "/v1/alerts",
                "sales", "/v1/sales?by=category&window=day",
                "report-monthly", "/v1/reports/monthly",
                "report-fulfilment", "/v1/reports/fulfilment"));
        routes.put("archive-month", "/v1/archive?month=2026-11");
        routes.put("report-cycle-times", "/v1/reports/cycle-times");
        routes.put("report-customers", "/v1/reports/customers");
        routes.put("report-receivables", "/v1/reports/receivables");
        routes.put("report-cancellations", "/v1/reports/cancellations");
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            Map<String, String> questions = PeerQuestions.of(mine, sku);
            for (String key : KEYS) {
                routes.forEach((kind, route) -> {
                    int publicly = cluster.get(route, key).statusCode();
                    assertThat(ask(questions.get(kind), key, SIGNED).statusCode()).as(kind + " as " + key)
                            .isEqualTo(publicly);
                });
                // An order's alerts are read with the order, by whoever reads it with them: never by a platform.
                assertThat(ask(questions.get("order-alerts"), key, SIGNED).statusCode()).as("order-alerts as " + key)
                        .isEqualTo(key.equals("demo-platform") ? 403 : 200);
            }
            assertThat(ask(questions.get("orders"), null, SIGNED).statusCode()).isEqualTo(401);
            assertThat(ask(questions.get("orders"), "not-a-key", SIGNED).statusCode()).isEqualTo(401);
            JsonNode forbidden = error(ask(questions.get("sales"), "demo-warehouse", SIGNED), 403, "sales as warehouse");
            assertThat(forbidden.get("message").asText()).contains("warehouse", "sales");
        });
    }

    @Test
    void shouldApplyTheKeysRestrictionsWhateverTheQuestionSays() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            String othersOrders = "{\"kind\":\"orders\",\"filter\":{\"placedBy\":\"shop-two\"},\"slices\":{\"size\":10}}";
            JsonNode own = json(ask(othersOrders, "demo-platform", SIGNED)).get(0).get("items");
            assertThat(own.findValuesAsText("orderId")).containsExactly(placed);
            assertThat(own.get(0).get("customer").get("phone").asText()).isEqualTo("138****8000");
            assertThat(own.get(0).get("colour").asText()).as("no alerts for a platform").isEqualTo("yellow");

            JsonNode masked = json(ask(othersOrders, "demo-analyst", SIGNED)).get(0).get("items");
            assertThat(masked.findValuesAsText("orderId")).containsExactlyInAnyOrder(mine, placed);
            assertThat(masked.findValuesAsText("phone")).containsOnly("138****8000");

            JsonNode placedOrder = json(ask(PeerQuestions.of(placed, sku).get("order"), "demo-platform", SIGNED));
            assertThat(placedOrder.get("alerts")).isEmpty();
            error(ask(PeerQuestions.of(mine, sku).get("order"), "demo-platform", SIGNED), 404, "another's order");
        });
    }

    @Test
    void shouldAnswerAnUnknownKindWith400NamingTheKindsItKnows() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode unknown = error(ask("{\"kind\":\"orders-of-everyone\",\"slices\":{}}", "demo-admin", SIGNED), 400,
                    "unknown kind");
            assertThat(fields(unknown)).containsExactly("kind");
            assertThat(unknown.get("problems").get(0).get("reason").asText())
                    .contains("orders-of-everyone", "order-history", "report-cycle-times");
            JsonNode missing = error(ask("{\"slices\":{}}", "demo-admin", SIGNED), 400, "no kind");
            assertThat(fields(missing)).containsExactly("kind");
            assertThat(fields(error(ask("not json", "demo-admin", SIGNED), 400, "no JSON"))).containsExactly("body");
            assertThat(fields(error(ask("{\"kind\":\"order\"}", "demo-admin", SIGNED), 400, "no key")))
                    .containsExactly("body");
            assertThat(cluster.get(PeerQuestions.PATH, "demo-admin", SIGNED).statusCode()).isEqualTo(405);
        });
    }

    @Test
    void shouldCheckTheSlicesAskedForNamingWhatIsWrong() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String list : LISTS) {
                String question = PeerQuestions.of(mine, sku).get(list);
                for (String size : List.of("-1", "0", "10001")) {
                    var response = ask(question.replace("\"size\":10", "\"size\":" + size), "demo-admin", SIGNED);
                    assertThat(fields(error(response, 400, list + " size " + size))).containsExactly("slices.size");
                }
                var partitions = ask(question.replace("\"size\":10", "\"size\":10,\"partitions\":[-3]"), "demo-admin",
                        SIGNED);
                assertThat(fields(error(partitions, 400, list))).containsExactly("slices.partitions");
                // the second is base64url of JSON null: it decodes, but is the position of no row
                for (String after : List.of("%%not-a-position", "bnVsbA")) {
                    var position = ask(question.replace("\"size\":10", "\"size\":10,\"after\":\"" + after + "\""),
                            "demo-admin", SIGNED);
                    assertThat(fields(error(position, 400, list + " after " + after))).containsExactly("slices.after");
                }
            }
        });
    }

    @Test
    void shouldAnswerABodyJettyCannotReadWithA4xxInTheOneShape() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            for (String chunks : List.of("ZZZ\r\n{}\r\n0\r\n\r\n", "5\r\n{\"a\"\r\n", "ffffffffffff\r\n{}")) {
                try (java.net.Socket socket = new java.net.Socket("localhost", server.port())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(("POST " + PeerQuestions.PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                            + PeerSecret.HEADER + ": " + SECRET + "\r\nAuthorization: Bearer demo-admin\r\n"
                            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                            + chunks).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    socket.shutdownOutput();
                    String answer = new String(socket.getInputStream().readAllBytes(),
                            java.nio.charset.StandardCharsets.US_ASCII);

                    assertThat(answer).as(chunks).startsWith("HTTP/1.1 400 ");
                    assertThat(answer).as(chunks).contains("\"status\":400").contains("\"message\":");
                }
            }
        });
    }
}
