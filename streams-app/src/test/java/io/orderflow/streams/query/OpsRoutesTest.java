package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.OrderStatus;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void shouldBeLiveAlwaysAndReadyOnlyWhileStreamsRuns() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(cluster.get("/health/live", null).statusCode()).isEqualTo(200);
            assertThat(cluster.get("/health/ready", null).statusCode()).isEqualTo(200);
            cluster.streamsState = "REBALANCING";
            HttpResponse<byte[]> ready = cluster.get("/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(json(ready).get("status").asText()).isEqualTo("REBALANCING");
            assertThat(cluster.get("/health/live", null).statusCode()).isEqualTo(200);
        });
    }

    @Test
    void shouldExposePrometheusMetricsByRouteTemplateWithoutKeys() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            cluster.get("/v1/orders/O-1", "demo-sales");

            HttpResponse<byte[]> metrics = cluster.get("/metrics", null);

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            assertThat(text(metrics))
                    .contains("http_server_requests_seconds_count{application=\"streams-app\",method=\"GET\","
                            + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/v1/orders/{id}\"} 1")
                    .contains("jvm_memory_used_bytes{application=\"streams-app\"")
                    .doesNotContain("O-1").doesNotContain("demo-sales").doesNotContain("test-peer-secret");
        });
    }

    /** Each instance counts the alerts of the partitions it holds active, so that the cluster's is their sum. */
    @Test
    void shouldCountTheAlertsRaisedInThePartitionsActiveOnEachInstance() {
        int stalledInEvenPartitions = 0;
        for (int i = 0; i < 7; i++) {
            AlertType type = i < 4 ? AlertType.STALLED : AlertType.OVERDUE_DELIVERY;
            Alert alert = Alert.newBuilder().setAlertId(type + ":O-" + i).setType(type).setState(AlertState.RAISED)
                    .setOrderId("O-" + i).setOrderStatus(OrderStatus.APPROVED).setMessage("O-" + i + " is late")
                    .setAt(TestCluster.NOW).build();
            cluster.state.put("alerts-active-store", alert.getAlertId(), alert);
            if (type == AlertType.STALLED && InMemoryState.partitionOf("alerts-active-store", "O-" + i) % 2 == 0) {
                stalledInEvenPartitions++;
            }
        }
        int stalledHere = stalledInEvenPartitions;
        Alert cleared = Alert.newBuilder().setAlertId("STALLED:O-9").setType(AlertType.STALLED)
                .setState(AlertState.CLEARED).setOrderId("O-9").setOrderStatus(OrderStatus.APPROVED).setMessage("over")
                .setAt(TestCluster.NOW).build();
        cluster.state.put("alerts-active-store", cleared.getAlertId(), cleared);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (int p = 0; p < InMemoryState.PARTITIONS; p++) {
                cluster.state.owners.put(p, p % 2 == 0 ? cluster.here : cluster.peer);
            }
            String here = text(cluster.get("/metrics", null));
            cluster.at(cluster.peer.port());
            String peer = text(cluster.get("/metrics", null));

            assertThat(activeAlerts(here, "STALLED") + activeAlerts(peer, "STALLED")).isEqualTo(4);
            assertThat(activeAlerts(here, "OVERDUE_DELIVERY") + activeAlerts(peer, "OVERDUE_DELIVERY")).isEqualTo(3);
            assertThat(activeAlerts(here, "STALLED")).isEqualTo(stalledHere);
            assertThat(activeAlerts(here, "LOW_STOCK") + activeAlerts(peer, "LOW_STOCK")).isZero();
        });
    }

    private static double activeAlerts(String scrape, String type) {
        Matcher gauge = Pattern.compile("(?m)^orderflow_alerts_active\\{application=\"streams-app\",type=\"" + type
                + "\"} (\\S+)$").matcher(scrape);
        assertThat(gauge.find()).as("orderflow_alerts_active of " + type).isTrue();
        return Double.parseDouble(gauge.group(1));
    }

    @Test
    void shouldServeTheOpenApiDocumentOfEveryRoute() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            var paths = json(cluster.get("/openapi.json", null)).get("paths");
            for (String path : new String[] {"/v1/orders/{id}", "/v1/orders/{id}/history", "/v1/orders", "/v1/stock/{sku}",
                    "/v1/stock", "/v1/alerts", "/v1/sales", "/v1/reports/monthly", "/v1/reports/fulfilment",
                    "/v1/reports/customers", "/v1/reports/cycle-times", "/v1/reports/cancellations", "/v1/stream",
                    "/v1/instances",
                    "/v1/me", "/v1/products", "/gateway/v1/orders", "/gateway/v1/orders/{id}", "/gateway/v1/orders/{id}/{action}",
                    "/gateway/v1/stock/{sku}/{movement}",
                    "/health/live", "/health/ready", "/metrics"}) {
                assertThat(paths.has(path)).as(path).isTrue();
            }
        });
    }

    @Test
    void shouldSayWhoOwnsWhatToOperators() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            var instances = json(cluster.get("/v1/instances", "demo-admin"));
            assertThat(instances.get("self").asText()).isEqualTo("localhost:" + server.port());
            assertThat(instances.get("instances").get(0).get("active").get("orders-store")).hasSize(2);
            assertThat(cluster.get("/v1/instances", "demo-sales").statusCode()).isEqualTo(403);
        });
    }

    @Test
    void shouldServeTheDashboardWithoutAnythingFromOutside() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> page = cluster.get("/", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(text(page)).contains("<table id=\"orders\">", "/dashboard.js").doesNotContain("http://", "https://");
            assertThat(cluster.get("/dashboard.js", null).statusCode()).isEqualTo(200);
            // the SVG namespace is a name, not an address the browser fetches
            assertThat(text(cluster.get("/dashboard.js", null)).replace("'http://www.w3.org/2000/svg'", ""))
                    .doesNotContain("http://", "https://");
            assertThat(cluster.get("/dashboard.css", null).statusCode()).isEqualTo(200);
        });
    }

    @Test
    void shouldAnswerUnknownRoutesInTheErrorShape() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/nothing", "demo-sales");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).get("status").asInt()).isEqualTo(404);
        });
    }
}
