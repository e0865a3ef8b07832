package io.orderflow.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.orderflow.api.RawHttp;
import io.orderflow.gateway.TestGateway;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile requests, not bodies: every route asked with a path parameter Jetty cannot read (a bad
 * percent-encoding, {@code %00} or another control character), a header it cannot read, an HTTP version it does
 * not speak, or a query that cannot be decoded; written raw on a socket, since no HTTP client sends them. The answer
 * is never a 5xx and never Jetty's HTML page: always the one error shape, naming what is wrong when it is a 400.
 * The seed is fixed, so a failure reproduces; the request is in the assertion message.
 */
class HostileRequestsRoutesTest {

    private static final long SEED = 20261207L;
    private static final int REQUESTS = 600;

    /** Every route of {@code GatewayApp}, with a key allowed on it. */
    private static final List<String[]> ROUTES = List.of(
            new String[] {"POST", "/v1/orders", "demo-admin"},
            new String[] {"PUT", "/v1/orders/{id}", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/submit", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/approve", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/return", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/cancel", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/approve-cancel", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/ship", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/deliver", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/complete", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/schedule-service", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/service-result", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/request-return", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/approve-return", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/reject-return", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/receive-return", "demo-admin"},
            new String[] {"POST", "/v1/orders/{id}/pay", "demo-admin"},
            new String[] {"POST", "/v1/tracking", "demo-logistics-sf"},
            new String[] {"PUT", "/v1/products/{sku}", "demo-admin"},
            new String[] {"POST", "/v1/stock/{sku}/receipts", "demo-admin"},
            new String[] {"POST", "/v1/stock/{sku}/adjustments", "demo-admin"},
            new String[] {"POST", "/v1/imports/orders", "demo-admin"},
            new String[] {"GET", "/v1/imports/{importId}", "demo-admin"},
            new String[] {"GET", "/health/live", "demo-admin"},
            new String[] {"GET", "/health/ready", "demo-admin"},
            new String[] {"GET", "/metrics", "demo-admin"},
            new String[] {"GET", "/openapi.json", "demo-admin"});

    private static final TestGateway gateway = new TestGateway();
    private static Javalin app;

    @BeforeAll
    static void start() {
        app = gateway.app().start(0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void shouldAnswerEveryHostileRequestInTheErrorShapeAndNeverA5xx() throws Exception {
        Random random = new Random(SEED);
        int refused = 0;
        for (int i = 0; i < REQUESTS; i++) {
            String[] route = ROUTES.get(random.nextInt(ROUTES.size()));
            RawHttp.Hostile request = RawHttp.hostile(route[0], route[1], random);
            RawHttp.Answer answer = request.send(app.port(), "Authorization: Bearer " + route[2]);

            assertThat(answer.status()).as("seed %d, request %d: %s -> %s", SEED, i, request, answer.body())
                    .isLessThan(500);
            if (answer.status() >= 400) {
                refused++;
                assertThat(answer.header("Content-Type")).as("request %d: %s", i, request).startsWith("application/json");
                JsonNode error = Requests.JSON.readTree(answer.body());
                assertThat(error.get("status").asInt()).as("request %d", i).isEqualTo(answer.status());
                assertThat(error.get("problems").isArray()).as("request %d", i).isTrue();
                if (answer.status() == 400) {
                    assertThat(error.get("problems")).as("a 400 names what is wrong: %s", request).isNotEmpty();
                }
            }
        }
        assertThat(refused).as("most generated requests are refused").isGreaterThan(REQUESTS / 2);
    }
}
