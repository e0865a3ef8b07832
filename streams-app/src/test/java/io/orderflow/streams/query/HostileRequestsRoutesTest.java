package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.api.RawHttp;
import io.orderflow.streams.query.state.PeerSecret;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile requests over every route of the query API, one test per class of what a hostile scan found
 * answered 5xx: raw requests Jetty cannot read (written on a socket, as no HTTP client sends them), malformed
 * questions of the peer protocol, times outside any sane year, and consistency tokens no write can satisfy.
 * Whatever a client sends, the answer is never a 5xx, and an error is the one shape naming what is wrong. The live
 * stream is left out of the raw requests: one Jetty lets through would stay open.
 */
class HostileRequestsRoutesTest {

    private static final long SEED = 20261207L;

    /** Every route but the live stream. */
    private static final List<String> ROUTES = List.of("/v1/orders/{id}", "/v1/orders/{id}/history", "/v1/orders",
            "/v1/stock/{sku}", "/v1/stock", "/v1/alerts", "/v1/sales", "/v1/reports/monthly", "/v1/reports/fulfilment",
            "/v1/reports/customers", "/v1/reports/cycle-times", "/v1/reports/cancellations", "/v1/instances", "/health/live", "/health/ready",
            "/metrics", "/openapi.json", "/v1/me", "/v1/products", "/gateway/v1/orders/{id}/{action}", PeerQuestions.PATH);
    /** What replaces a part of a well-formed question of the peer protocol; {@code null} leaves the part out. */
    private static final List<String> PARTS = java.util.Arrays.asList(null, "null", "\"x\"", "\"\"", "-1", "2147483648",
            "1.5", "true", "[]", "[-1]", "{}", "{\"kind\":\"order\"}");

    private final TestCluster cluster = new TestCluster();

    @BeforeEach
    void peerOwnsPartitionOne() {
        cluster.state.owners.put(1, cluster.peer);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static JsonNode error(HttpResponse<byte[]> response, int status, String request) {
        assertThat(response.statusCode()).as(request + " -> " + TestCluster.text(response)).isEqualTo(status);
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
    void shouldAnswerRawRequestsJettyCannotReadInTheErrorShapeAndNeverA5xx() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            Random random = new Random(SEED);
            int refused = 0;
            for (int i = 0; i < 300; i++) {
                RawHttp.Hostile request = RawHttp.hostile("GET", ROUTES.get(random.nextInt(ROUTES.size())), random);
                RawHttp.Answer answer = request.send(server.port(), "Authorization: Bearer demo-admin");

                assertThat(answer.status()).as("seed %d, request %d: %s -> %s", SEED, i, request, answer.body())
                        .isLessThan(500);
                if (answer.status() >= 400) {
                    refused++;
                    assertThat(answer.header("Content-Type")).as("request %d: %s", i, request)
                            .startsWith("application/json");
                    JsonNode error = TestCluster.JSON.readTree(answer.body());
                    assertThat(error.get("status").asInt()).as("request %d", i).isEqualTo(answer.status());
                    if (answer.status() == 400) {
                        assertThat(error.get("problems")).as("a 400 names what is wrong: %s", request).isNotEmpty();
                    }
                }
            }
            assertThat(refused).as("most generated requests are refused").isGreaterThan(150);
        });
    }

    @Test
    void shouldAnswerEveryMalformedQuestionOfThePeerProtocolInTheErrorShapeAndNeverFailOnIt() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            int refused = 0;
            for (String question : PeerQuestions.of("O-1", "SKU-1").values()) {
                ObjectNode whole = (ObjectNode) TestCluster.JSON.readTree(question);
                List<List<String>> paths = new ArrayList<>();
                whole.fieldNames().forEachRemaining(field -> {
                    paths.add(List.of(field));
                    whole.get(field).fieldNames().forEachRemaining(inner -> paths.add(List.of(field, inner)));
                });
                for (List<String> path : paths) {
                    for (String part : PARTS) {
                        ObjectNode changed = whole.deepCopy();
                        ObjectNode parent = path.size() == 1 ? changed : (ObjectNode) changed.get(path.get(0));
                        String name = path.get(path.size() - 1);
                        if (part == null) {
                            parent.remove(name);
                        } else {
                            parent.set(name, TestCluster.JSON.readTree(part));
                        }
                        String body = changed.toString();
                        HttpResponse<byte[]> answer = cluster.post(PeerQuestions.PATH, body, "demo-admin",
                                Map.of(PeerSecret.HEADER, "test-peer-secret-of-this-cluster"));
                        // 503: a well-formed question about a key the peer holds is not answered here.
                        assertThat(answer.statusCode() < 500 || answer.statusCode() == 503)
                                .as(body + " -> " + answer.statusCode() + " " + TestCluster.text(answer)).isTrue();
                        if (answer.statusCode() >= 400) {
                            refused++;
                            assertThat(json(answer).get("status").asInt()).as(body).isEqualTo(answer.statusCode());
                        }
                    }
                }
            }
            assertThat(refused).as("many generated questions are refused").isGreaterThan(100);
        });
    }

    @Test
    void shouldRefuseEveryTimeOutsideTheYears1970To9999NamingTheParameter() {
        Map<String, List<String>> times = Map.of(
                "asOf", List.of("/v1/sales?asOf=", "/v1/sales?window=7d&asOf="),
                "date", List.of("/v1/sales?window=day&date="),
                "month", List.of("/v1/sales?window=month&month=", "/v1/reports/monthly?month=",
                        "/v1/reports/fulfilment?month=", "/v1/reports/cycle-times?month=",
                        "/v1/reports/cancellations?month="),
                "from", List.of("/v1/orders?from="),
                "to", List.of("/v1/orders?to="));
        Map<String, List<String>> outside = Map.of(
                "asOf", List.of("%2B1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
                        "%2B1000000000-12-31T23:59:59.999999999Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
                        "%2B10000-01-01T00:00:00Z"),
                "date", List.of("%2B999999999-12-31", "-999999999-01-01", "0000-01-01", "1969-12-31", "%2B10000-01-01"),
                "month", List.of("%2B999999999-12", "-999999999-01", "0000-01", "1969-12", "%2B10000-01"));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            times.forEach((parameter, routes) -> {
                List<String> values = outside.getOrDefault(parameter, outside.get("date"));
                for (String route : routes) {
                    for (String value : values) {
                        var response = cluster.get(route + value, "demo-admin");
                        assertThat(fields(error(response, 400, route + value))).containsExactly(parameter);
                    }
                }
            });
            assertThat(cluster.get("/v1/sales?asOf=1970-01-01T00:00:00Z", "demo-admin").statusCode()).isEqualTo(200);
            assertThat(cluster.get("/v1/sales?window=day&date=9999-12-31", "demo-admin").statusCode()).isEqualTo(200);
        });
    }

    @Test
    void shouldRefuseAConsistencyTokenOfAPartitionTheTopicDoesNotHaveAtOnce() {
        cluster.progress.everyStore = List.of(Set.of("order-commands"));
        cluster.progress.partitions.put("order-commands", 6);
        List<String> routes = List.of("/v1/orders/O-1", "/v1/orders/O-1/history", "/v1/orders", "/v1/stock",
                "/v1/alerts", "/v1/sales", "/v1/reports/monthly", "/v1/reports/fulfilment", "/v1/reports/customers",
                "/v1/reports/cycle-times", "/v1/reports/cancellations");
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String route : routes) {
                for (String token : List.of("order-commands:6:1", "order-commands:99:1", "order-commands:2147483647:0")) {
                    // A timeout of 30 s: a token that were waited on would not answer within the client's 20 s.
                    var query = cluster.get(route + (route.contains("?") ? "&" : "?") + "timeout=30s&after=" + token,
                            "demo-admin");
                    var header = cluster.get(route + "?timeout=30s", "demo-admin", Map.of("X-Orderflow-Consistency", token));

                    assertThat(fields(error(query, 400, route + " after=" + token))).containsExactly("after");
                    assertThat(fields(error(header, 400, route + " header " + token)))
                            .containsExactly("X-Orderflow-Consistency");
                }
            }
        });
    }
}
