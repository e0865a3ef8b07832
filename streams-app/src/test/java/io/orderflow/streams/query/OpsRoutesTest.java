package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
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
            assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            assertThat(text(metrics))
                    .contains("orderflow_query_requests_total{method=\"GET\",route=\"/v1/orders/{id}\",status=\"404\"} 1")
                    .doesNotContain("O-1").doesNotContain("demo-sales");
        });
    }

    @Test
    void shouldServeTheOpenApiDocumentOfEveryRoute() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            var paths = json(cluster.get("/openapi.json", null)).get("paths");
            for (String path : new String[] {"/v1/orders/{id}", "/v1/orders/{id}/history", "/v1/orders", "/v1/stock/{sku}",
                    "/v1/stock", "/v1/alerts", "/v1/sales", "/v1/reports/monthly", "/v1/reports/fulfilment",
                    "/v1/reports/customers", "/v1/reports/cycle-times", "/v1/stream", "/v1/instances",
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
