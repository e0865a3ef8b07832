package io.orderflow.gateway.http;

import static io.orderflow.gateway.http.Requests.header;
import static io.orderflow.gateway.http.Requests.json;
import static io.orderflow.gateway.http.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.orderflow.contract.OrderLimits;
import io.orderflow.gateway.TestGateway;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRoutesTest {

    private final TestGateway gateway = new TestGateway();

    @Test
    void shouldBeLiveAndReadyWhileKafkaIsReachable() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            assertThat(client.get("/health/live").code()).isEqualTo(200);
            assertThat(client.get("/health/ready").code()).isEqualTo(200);

            gateway.notReadyBecause = "Kafka is unreachable";
            var notReady = client.get("/health/ready");

            assertThat(notReady.code()).isEqualTo(503);
            assertThat(json(notReady).get("reason").asText()).isEqualTo("Kafka is unreachable");
            assertThat(header(notReady, "Retry-After")).isNotNull();
            assertThat(client.get("/health/live").code()).isEqualTo(200);
        });
    }

    @Test
    void shouldExposePrometheusMetricsByRouteTemplate() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            post(client, "/v1/orders/O-1/submit", "demo-sales", "{}");

            var metrics = client.get("/metrics");

            assertThat(metrics.code()).isEqualTo(200);
            assertThat(header(metrics, "Content-Type")).startsWith("text/plain; version=0.0.4");
            assertThat(metrics.body().string())
                    .contains("http_server_requests_seconds_count{application=\"ingest-gateway\",method=\"POST\","
                            + "outcome=\"SUCCESS\",status=\"202\",uri=\"/v1/orders/{id}/submit\"} 1")
                    .contains("jvm_memory_used_bytes{application=\"ingest-gateway\"")
                    .doesNotContain("O-1").doesNotContain("demo-sales");
        });
    }

    @Test
    void shouldServeTheOpenApiDocumentOfEveryRoute() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = client.get("/openapi.json");

            assertThat(response.code()).isEqualTo(200);
            var paths = json(response).get("paths");
            assertThat(paths.has("/v1/orders")).isTrue();
            assertThat(paths.has("/v1/orders/{id}/ship")).isTrue();
            assertThat(paths.has("/v1/tracking")).isTrue();
            assertThat(paths.has("/v1/imports/orders")).isTrue();
            for (String action : List.of("reschedule", "hold", "release-hold", "assign", "note", "close-short", "refund",
                    "approve-refund", "reject-refund")) {
                assertThat(paths.has("/v1/orders/{id}/" + action)).as(action).isTrue();
            }
        });
    }

    @Test
    void shouldDocumentTheContractsLimitsInTheOpenApiDocument() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var document = json(client.get("/openapi.json"));

            String money = "^\\d{1," + OrderLimits.UNIT_PRICE.integerDigits() + "}(\\.\\d{1,"
                    + OrderLimits.UNIT_PRICE.scale() + "})?$";
            List<String> patterns = document.findValues("pattern").stream().map(p -> p.asText())
                    .filter(p -> p.startsWith("^\\d{1,")).toList();
            assertThat(patterns).isNotEmpty().allMatch(money::equals);
            assertThat(document.findValues("maxItems")).extracting(n -> n.asInt()).contains(OrderLimits.MAX_LINES)
                    .allMatch(n -> n <= OrderLimits.MAX_LINES);
            assertThat(document.toString()).contains(OrderLimits.TOTAL.max().toPlainString());
        });
    }
}
