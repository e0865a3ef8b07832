package io.orderflow.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.Channel;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Role;
import io.orderflow.streams.query.live.Change;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StreamRoutesTest {

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static OrderEvent event(String orderId, OrderStatus to) {
        return OrderEvent.newBuilder().setEventId("e-" + orderId + to).setOrderId(orderId).setCommandId("c")
                .setAction("APPROVE").setActor(new Actor("rita", Role.REVIEWER)).setAt(TestCluster.NOW)
                .setFromStatus(OrderStatus.PENDING_REVIEW).setToStatus(to)
                .setOrder(OrderRoutesTest.order(orderId, to, TestCluster.NOW, "C1", Channel.ONLINE)).build();
    }

    private InputStream open(String query) throws Exception {
        HttpResponse<InputStream> response = cluster.http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + cluster.here.port() + "/v1/stream" + query))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        return response.body();
    }

    /** Reads events until {@code count} have come: "event|data" each. */
    private static List<String> events(BufferedReader reader, int count) throws Exception {
        List<String> events = new ArrayList<>();
        String event = null;
        for (String line = reader.readLine(); line != null && events.size() < count; line = reader.readLine()) {
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                events.add(event + "|" + line.substring(5).trim());
            }
        }
        return events;
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldStreamOrderChangesAndAlertsFilteredAndMasked() throws Exception {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    open("?key=demo-analyst&status=APPROVED"), StandardCharsets.UTF_8))) {
                assertThat(reader.readLine()).isEqualTo(": orderflow live stream");
                cluster.feed.publish(new Change.OrderChanged(event("O-1", OrderStatus.RETURNED)));
                cluster.feed.publish(new Change.OrderChanged(event("O-2", OrderStatus.APPROVED)));
                cluster.feed.publish(new Change.AlertChanged(Alert.newBuilder().setAlertId("STALLED:O-2")
                        .setType(AlertType.STALLED).setState(AlertState.RAISED).setOrderId("O-2")
                        .setOrderStatus(OrderStatus.APPROVED).setMessage("stalled").setAt(TestCluster.NOW).build()));

                List<String> events = events(reader, 2);

                assertThat(events.get(0)).startsWith("order|").contains("\"orderId\":\"O-2\"")
                        .contains("138****8000").doesNotContain("13800138000");
                assertThat(events.get(1)).startsWith("alert|").contains("STALLED:O-2");
            }
        });
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldStreamTheStreamsAppsRefusalsOfAnOrder() throws Exception {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    open("?key=demo-sales&type=refusal&orderId=O-2"), StandardCharsets.UTF_8))) {
                assertThat(reader.readLine()).isEqualTo(": orderflow live stream");
                cluster.feed.publish(new Change.OrderChanged(event("O-2", OrderStatus.APPROVED)));
                cluster.feed.publish(new Change.CommandRefused(refusal("O-1")));
                cluster.feed.publish(new Change.CommandRefused(refusal("O-2")));

                List<String> events = events(reader, 1);

                assertThat(events.get(0)).startsWith("refusal|").contains("\"orderId\":\"O-2\"")
                        .contains("\"code\":\"FOUR_EYES\"").contains("\"reason\":\"not by its creator\"")
                        .contains("\"command\":\"ApproveOrder\"").contains("\"role\":\"reviewer\"");
            }
        });
    }

    private static io.orderflow.avro.Refusal refusal(String orderId) {
        return io.orderflow.avro.Refusal.newBuilder().setCommandId("c-" + orderId).setOrderId(orderId)
                .setCommand("ApproveOrder").setActor(new Actor("rita", Role.REVIEWER)).setAt(TestCluster.NOW)
                .setCode("FOUR_EYES").setReason("not by its creator").setStatus(OrderStatus.PENDING_REVIEW).build();
    }

    @Test
    void shouldRefuseTheStreamWithoutAKeyOrWithABadFilter() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(cluster.get("/v1/stream", null).statusCode()).isEqualTo(401);
            assertThat(cluster.get("/v1/stream?key=wrong", null).statusCode()).isEqualTo(401);
            assertThat(cluster.get("/v1/stream?key=demo-sales&type=parcel", null).statusCode()).isEqualTo(400);
        });
    }
}
