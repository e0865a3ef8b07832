package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.orderflow.streams.query.service.HttpGateway;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order desk's commands through the query API that served the page: passed to the gateway with the caller's
 * key, its answer passed back as it was (202 and token, or every field's problem); nothing else reaches it.
 */
class GatewayRelayRoutesTest {

    private final TestCluster cluster = new TestCluster();
    /** A stand-in for the ingest gateway that writes down what it was sent and answers as the test says. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private Javalin gateway;

    @BeforeEach
    void startGateway() {
        gateway = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/v1/orders/{id}/approve", ctx -> {
                received.add(ctx.method() + " " + ctx.path() + " | " + ctx.header("Authorization") + " | "
                        + ctx.header("Idempotency-Key") + " | " + ctx.header("X-Private") + " | " + ctx.body());
                ctx.status(202).header("X-Orderflow-Consistency", "order-commands:3:41")
                        .header("Location", "/v1/orders/" + ctx.pathParam("id")).header("Set-Cookie", "x=y")
                        .json(Map.of("status", "ACCEPTED", "orderId", ctx.pathParam("id"),
                                "consistencyToken", "order-commands:3:41"));
            });
            config.routes.post("/v1/stock/{sku}/receipts", ctx -> {
                received.add(ctx.method() + " " + ctx.path() + " | " + ctx.header("Authorization") + " | " + ctx.body());
                ctx.status(202).json(Map.of("status", "ACCEPTED", "sku", ctx.pathParam("sku"),
                        "consistencyToken", "stock-movements:0:7"));
            });
            config.routes.post("/v1/orders", ctx -> {
                received.add(ctx.method() + " " + ctx.path());
                ctx.status(400).json(Map.of("status", 400, "message", "the request is invalid", "problems",
                        List.of(Map.of("field", "lines[0].quantity", "reason", "at least 1"),
                                Map.of("field", "customer.name", "reason", "required"))));
            });
        }).start(0);
        cluster.gateway = new HttpGateway(URI.create("http://localhost:" + gateway.port() + "/"),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        gateway.stop();
        cluster.close();
    }

    @Test
    void shouldPassACommandWithTheCallersKeyAndReturnTheGatewaysAcceptance() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> answer = cluster.post("/gateway/v1/orders/O-1/approve", "{\"note\":\"ok\"}",
                    "demo-reviewer", Map.of("Idempotency-Key", "k-1", "X-Private", "not for the gateway"));

            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(json(answer).get("consistencyToken").asText()).isEqualTo("order-commands:3:41");
            assertThat(answer.headers().firstValue("X-Orderflow-Consistency")).hasValue("order-commands:3:41");
            assertThat(answer.headers().firstValue("Location")).hasValue("/v1/orders/O-1");
            assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(received).containsExactly(
                    "POST /v1/orders/O-1/approve | Bearer demo-reviewer | k-1 | null | {\"note\":\"ok\"}");
        });
    }

    @Test
    void shouldPassTheWarehousesStockReceiptsAndNobodyElses() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> answer = cluster.post("/gateway/v1/stock/SKU-1/receipts",
                    "{\"quantity\":20,\"reference\":\"PO-7\"}", "demo-warehouse", Map.of());

            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(json(answer).get("sku").asText()).isEqualTo("SKU-1");
            assertThat(cluster.post("/gateway/v1/stock/SKU-1/receipts", "{}", "demo-sales", Map.of()).statusCode())
                    .isEqualTo(403);
            assertThat(cluster.post("/gateway/v1/stock/SKU-1/levels", "{}", "demo-warehouse", Map.of()).statusCode())
                    .isEqualTo(404);
            assertThat(received).containsExactly(
                    "POST /v1/stock/SKU-1/receipts | Bearer demo-warehouse | {\"quantity\":20,\"reference\":\"PO-7\"}");
        });
    }

    @Test
    void shouldReturnTheGatewaysFieldErrorsAsTheyAre() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> answer = cluster.post("/gateway/v1/orders", "{}", "demo-sales", Map.of());

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(json(answer).get("problems").findValuesAsText("field"))
                    .containsExactly("lines[0].quantity", "customer.name");
        });
    }

    @Test
    void shouldRefuseUnknownKeysReadOnlyRolesAndOtherRoutesBeforeTheGateway() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(cluster.post("/gateway/v1/orders/O-1/approve", "{}", null, Map.of()).statusCode()).isEqualTo(401);
            assertThat(cluster.post("/gateway/v1/orders/O-1/approve", "{}", "wrong", Map.of()).statusCode()).isEqualTo(401);
            assertThat(cluster.post("/gateway/v1/orders/O-1/approve", "{}", "demo-analyst", Map.of()).statusCode())
                    .isEqualTo(403);
            assertThat(cluster.post("/gateway/v1/tracking", "{}", "demo-sales", Map.of()).statusCode()).isEqualTo(404);
            assertThat(cluster.post("/gateway/v1/orders/O-1/approve/more", "{}", "demo-reviewer", Map.of()).statusCode())
                    .isEqualTo(404);
            assertThat(cluster.post("/gateway/v1/orders/O-1/Approve%2F..%2F..", "{}", "demo-reviewer", Map.of())
                    .statusCode()).isIn(400, 404);
            assertThat(received).isEmpty();
        });
    }

    @Test
    void shouldAnswer503WhileTheGatewayIsDownAnd404WhenNoneIsConfigured() {
        gateway.stop();
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> down = cluster.post("/gateway/v1/orders/O-1/approve", "{}", "demo-reviewer", Map.of());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(json(down).get("message").asText()).contains("gateway");
        });
        cluster.gateway = io.orderflow.streams.query.service.Gateway.NONE;
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> none = cluster.post("/gateway/v1/orders/O-1/approve", "{}", "demo-reviewer", Map.of());
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(text(none)).contains("QUERY_GATEWAY_URL");
        });
    }

    @Test
    void shouldSayWhoTheKeyStandsFor() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(json(cluster.get("/v1/me", "demo-reviewer")).get("role").asText()).isEqualTo("reviewer");
            assertThat(json(cluster.get("/v1/me", "demo-sales")).get("id").asText()).isNotBlank();
            assertThat(cluster.get("/v1/me", null).statusCode()).isEqualTo(401);
        });
    }
}
