package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.api.RawHttp;
import io.orderflow.streams.query.state.PeerSecret;
import io.orderflow.streams.query.state.Peers;
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
 * answered 5xx: raw requests Jetty cannot read (written on a socket, as no HTTP client sends them), the peer
 * protocol's headers from a client, times outside any sane year, and consistency tokens no write can satisfy.
 * Whatever a client sends, the answer is never a 5xx, and an error is the one shape naming what is wrong. The live
 * stream is left out of the raw requests: one Jetty lets through would stay open.
 */
class HostileRequestsRoutesTest {

    private static final long SEED = 20261207L;

    /** Every route but the live stream. */
    private static final List<String> ROUTES = List.of("/v1/orders/{id}", "/v1/orders/{id}/history", "/v1/orders",
            "/v1/stock/{sku}", "/v1/stock", "/v1/alerts", "/v1/sales", "/v1/reports/monthly", "/v1/reports/fulfilment",
            "/v1/reports/customers", "/v1/reports/cycle-times", "/v1/instances", "/health/live", "/health/ready",
            "/metrics", "/openapi.json");
    /** The lists and reports, which a peer asks for its slices. */
    private static final List<String> LISTS = List.of("/v1/orders", "/v1/stock", "/v1/alerts", "/v1/sales",
            "/v1/sales?window=day", "/v1/reports/monthly", "/v1/reports/fulfilment", "/v1/reports/customers",
            "/v1/reports/cycle-times");

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
    void shouldRefuseThePeerProtocolToAClientWithoutTheDeploymentsSecret() {
        List<String> headers = List.of(Peers.LOCAL, Peers.STANDBY, Peers.PAGE_SIZE, Peers.PAGE_AFTER, Peers.PAGE_PARTITIONS);
        List<String> values = List.of("1", "-1", "0", "2147483648", "x", "");
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String list : LISTS) {
                for (String header : headers) {
                    for (String secret : new String[] {null, "wrong-secret-of-another-deployment"}) {
                        Map<String, String> sent = new java.util.HashMap<>(Map.of(Peers.PAGE_SIZE, "-1"));
                        sent.put(header, values.get(Math.floorMod((list + header).hashCode(), values.size())));
                        if (secret != null) {
                            sent.put(PeerSecret.HEADER, secret);
                        }
                        JsonNode error = error(cluster.get(list, "demo-admin", sent), 403, list + " " + sent.keySet());
                        assertThat(error.get("message").asText()).contains("X-Orderflow-");
                    }
                }
            }
        });
    }

    @Test
    void shouldCheckAPeersPageAndNameTheHeaderEvenWithTheSecret() {
        String secret = "test-peer-secret-of-this-cluster";
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String list : LISTS) {
                for (String size : List.of("-1", "0", "10001", "2147483648", "x")) {
                    var response = cluster.get(list, "demo-admin",
                            Map.of(PeerSecret.HEADER, secret, Peers.LOCAL, "1", Peers.PAGE_SIZE, size));
                    assertThat(fields(error(response, 400, list + " size " + size))).containsExactly(Peers.PAGE_SIZE);
                }
                var partitions = cluster.get(list, "demo-admin", Map.of(PeerSecret.HEADER, secret, Peers.LOCAL, "1",
                        Peers.PAGE_SIZE, "10", Peers.PAGE_PARTITIONS, "-3"));
                assertThat(fields(error(partitions, 400, list))).containsExactly(Peers.PAGE_PARTITIONS);
                var position = cluster.get(list, "demo-admin", Map.of(PeerSecret.HEADER, secret, Peers.LOCAL, "1",
                        Peers.PAGE_SIZE, "10", Peers.PAGE_AFTER, "%%not-a-position"));
                assertThat(fields(error(position, 400, list))).containsExactly(Peers.PAGE_AFTER);
                var slices = cluster.get(list, "demo-admin", Map.of(PeerSecret.HEADER, secret, Peers.LOCAL, "1",
                        Peers.PAGE_SIZE, "10"));
                assertThat(slices.statusCode()).as(list).isEqualTo(200);
            }
        });
    }

    @Test
    void shouldRefuseEveryTimeOutsideTheYears1970To9999NamingTheParameter() {
        Map<String, List<String>> times = Map.of(
                "asOf", List.of("/v1/sales?asOf=", "/v1/sales?window=7d&asOf="),
                "date", List.of("/v1/sales?window=day&date="),
                "month", List.of("/v1/sales?window=month&month=", "/v1/reports/monthly?month=",
                        "/v1/reports/fulfilment?month=", "/v1/reports/cycle-times?month="),
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
                "/v1/reports/cycle-times");
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
