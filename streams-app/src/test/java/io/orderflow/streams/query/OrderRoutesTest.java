package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.Customer;
import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Role;
import io.orderflow.streams.Commands;
import io.orderflow.streams.analytics.OrderFixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderRoutesTest {

    private static final String ORDERS = "orders-store";
    private static final HostInfo GONE = new HostInfo("localhost", 1);

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    static OrderState order(String id, OrderStatus status, Instant createdAt, String customer, Channel channel) {
        return OrderFixtures.order(id, status, createdAt, channel, customer, List.of(OrderFixtures.line("SKU-1", 2, "12.50")))
                .setCustomer(Customer.newBuilder().setId(customer).setName("深圳客户 " + customer).setContactName("王小明")
                        .setPhone("13800138000").setAddress("深圳市南山区科技园1号").build())
                .setHistory(new ArrayList<>(List.of(HistoryEntry.newBuilder()
                        .setAt(createdAt).setActor(new Actor("sam.sales", Role.SALES)).setAction("PLACE")
                        .setToStatus(OrderStatus.PENDING_REVIEW).setCommandId("c-" + id).build())))
                .build();
    }

    private void put(OrderState order) {
        cluster.state.put(ORDERS, order.getOrderId(), order);
    }

    /** The app has committed {@code order-commands} partition {@code p} up to {@code next} (the next offset to read). */
    private void committed(int p, long next) {
        cluster.progress.stages("order-commands", ORDERS, List.of(Set.of("order-commands")));
        cluster.progress.committed.put(new TopicPartition("order-commands", p), next);
    }

    @Test
    void shouldAnswerAnOrderAsTheGatewaysBodyWithStatusAndExecutionFields() {
        put(order("O-1", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.PHONE));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-1", "demo-sales");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode order = json(response);
            assertThat(order.get("orderId").asText()).isEqualTo("O-1");
            assertThat(order.get("channel").asText()).isEqualTo("PHONE");
            assertThat(order.get("status").asText()).isEqualTo("APPROVED");
            assertThat(order.get("paymentStatus").isNull()).isFalse();
            assertThat(order.get("createdBy").get("id").asText()).isEqualTo("sales-1");
            assertThat(order.get("customer").get("phone").asText()).isEqualTo("13800138000");
            assertThat(order.get("lines").get(0).get("amount").decimalValue()).isEqualByComparingTo("25.00");
            assertThat(order.has("shipments")).isTrue();
            assertThat(order.get("alerts").isArray()).isTrue();
            assertThat(order.get("createdAt").asText()).isEqualTo("2026-11-22T08:00:00Z");
            assertThat(order.get("colour").asText()).isEqualTo("yellow");
        });
    }

    @Test
    void shouldShowTheHoldItsReasonAndTheFirstPromiseOfARescheduledOrder() {
        OrderState held = order("O-H", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.PHONE);
        held.setHold(new io.orderflow.avro.OrderHold(io.orderflow.avro.HoldReason.ADDRESS_INCORRECT, "street missing",
                new Actor("sam.sales", Role.SALES), TestCluster.NOW));
        held.setExpectedDeliveryDate(java.time.LocalDate.of(2026, 12, 20));
        held.setPromisedDeliveryDate(java.time.LocalDate.of(2026, 12, 10));
        held.setReschedules(1);
        put(held);
        put(order("O-2", OrderStatus.APPROVED, TestCluster.NOW, "C2", Channel.PHONE));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode order = json(cluster.get("/v1/orders/O-H", "demo-sales"));

            assertThat(order.get("hold").get("reason").asText()).isEqualTo("ADDRESS_INCORRECT");
            assertThat(order.get("hold").get("note").asText()).isEqualTo("street missing");
            assertThat(order.get("hold").get("heldBy").get("id").asText()).isEqualTo("sam.sales");
            assertThat(order.get("hold").get("since").asText()).isEqualTo("2026-11-22T08:00:00Z");
            assertThat(order.get("expectedDeliveryDate").asText()).isEqualTo("2026-12-20");
            assertThat(order.get("promisedDeliveryDate").asText()).isEqualTo("2026-12-10");
            assertThat(order.get("reschedules").asInt()).isEqualTo(1);
            assertThat(json(cluster.get("/v1/orders/O-2", "demo-sales")).get("hold").isNull()).isTrue();

            String csv = new String(cluster.get("/v1/orders?format=csv", "demo-sales").body(),
                    java.nio.charset.StandardCharsets.UTF_8);
            List<String> rows = csv.lines().toList();
            List<String> header = List.of(rows.get(0).replace("\uFEFF", "").split(","));
            int hold = header.indexOf("hold");
            assertThat(hold).isNotNegative();
            assertThat(rows).filteredOn(row -> row.startsWith("O-H,")).singleElement()
                    .satisfies(row -> assertThat(row.split(",")[hold]).isEqualTo("ADDRESS_INCORRECT"));
        });
    }

    @Test
    void shouldShowHowAnOrderWasClosedShort() {
        OrderState closed = order("O-S", OrderStatus.SHIPPED, TestCluster.NOW, "C1", Channel.PHONE);
        closed.setShortClosure(new io.orderflow.avro.ShortClosure("discontinued",
                List.of(new io.orderflow.avro.ShipmentLine("TEA-1", 2)), new Actor("sam.sales", Role.SALES),
                TestCluster.NOW));
        put(closed);
        put(order("O-2", OrderStatus.SHIPPED, TestCluster.NOW, "C2", Channel.PHONE));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode order = json(cluster.get("/v1/orders/O-S", "demo-sales"));

            JsonNode closure = order.get("shortClosure");
            assertThat(closure.get("reason").asText()).isEqualTo("discontinued");
            assertThat(closure.get("lines").get(0).get("sku").asText()).isEqualTo("TEA-1");
            assertThat(closure.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
            assertThat(closure.get("closedBy").get("id").asText()).isEqualTo("sam.sales");
            assertThat(closure.get("closedAt").asText()).isEqualTo("2026-11-22T08:00:00Z");
            assertThat(json(cluster.get("/v1/orders/O-2", "demo-sales")).get("shortClosure").isNull()).isTrue();
        });
    }

    @Test
    void shouldShowRefundsAndFilterByEveryPaymentStatus() {
        OrderState refunded = order("R", OrderStatus.RETURNED_GOODS_RECEIVED, TestCluster.NOW, "C1", Channel.PHONE);
        refunded.setPaymentStatus(io.orderflow.avro.PaymentStatus.PARTIALLY_REFUNDED);
        refunded.setRefunds(new ArrayList<>(List.of(new io.orderflow.avro.Refund("cmd-9", new java.math.BigDecimal("12.50"),
                "damaged", List.of(new io.orderflow.avro.ShipmentLine("TEA-1", 1)), new Actor("sam.sales", Role.SALES),
                TestCluster.NOW, null, TestCluster.NOW))));
        refunded.setPendingRefund(new io.orderflow.avro.Refund("cmd-10", new java.math.BigDecimal("2000.00"), "goodwill",
                List.of(), new Actor("sam.sales", Role.SALES), TestCluster.NOW, null, null));
        OrderState partlyPaid = order("P", OrderStatus.APPROVED, TestCluster.NOW.minusSeconds(60), "C2", Channel.PHONE);
        partlyPaid.setPaymentStatus(io.orderflow.avro.PaymentStatus.PARTIALLY_PAID);
        OrderState all = order("F", OrderStatus.CANCELLED, TestCluster.NOW.minusSeconds(120), "C2", Channel.PHONE);
        all.setPaymentStatus(io.orderflow.avro.PaymentStatus.REFUNDED);
        put(refunded);
        put(partlyPaid);
        put(all);
        cluster.state.owners.put(1, cluster.peer);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode order = json(cluster.get("/v1/orders/R", "demo-sales"));
            assertThat(order.get("paymentStatus").asText()).isEqualTo("PARTIALLY_REFUNDED");
            JsonNode refund = order.get("refunds").get(0);
            assertThat(refund.get("refundId").asText()).isEqualTo("cmd-9");
            assertThat(refund.get("amount").decimalValue()).isEqualByComparingTo("12.50");
            assertThat(refund.get("lines").get(0).get("sku").asText()).isEqualTo("TEA-1");
            assertThat(refund.get("requestedBy").get("id").asText()).isEqualTo("sam.sales");
            assertThat(order.get("pendingRefund").get("amount").decimalValue()).isEqualByComparingTo("2000.00");
            assertThat(order.get("pendingRefund").get("refundedAt").isNull()).isTrue();

            assertThat(ids(cluster.get("/v1/orders?paymentStatus=PARTIALLY_REFUNDED", "demo-sales"))).containsExactly("R");
            assertThat(ids(cluster.get("/v1/orders?paymentStatus=refunded", "demo-sales"))).containsExactly("F");
            assertThat(ids(cluster.get("/v1/orders?paymentStatus=PARTIALLY_PAID", "demo-sales"))).containsExactly("P");
            assertThat(ids(cluster.get("/v1/orders?paymentStatus=PAID", "demo-sales"))).isEmpty();
            HttpResponse<byte[]> unknown = cluster.get("/v1/orders?paymentStatus=UNKNOWN", "demo-sales");
            assertThat(unknown.statusCode()).isEqualTo(400);
            JsonNode problem = json(unknown).get("problems").get(0);
            assertThat(problem.get("field").asText()).isEqualTo("paymentStatus");
            assertThat(problem.get("reason").asText()).contains("UNPAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED");
        });
    }

    @Test
    void shouldMaskPersonalDataForAnalystsAndLogistics() {
        put(order("O-1", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.PHONE));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String key : List.of("demo-analyst", "demo-logistics-sf")) {
                JsonNode customer = json(cluster.get("/v1/orders/O-1", key)).get("customer");
                assertThat(customer.get("phone").asText()).isEqualTo("138****8000");
                assertThat(customer.get("contactName").asText()).isEqualTo("王**");
                assertThat(customer.get("address").asText()).isEqualTo("深圳市南山****");
                assertThat(customer.get("name").asText()).isEqualTo("深圳客户 C1");
            }
        });
    }

    @Test
    void shouldAnswerTheHistoryAsAnAuditTrail() {
        put(order("O-1", OrderStatus.PENDING_REVIEW, TestCluster.NOW, "C1", Channel.PHONE));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode entry = json(cluster.get("/v1/orders/O-1/history", "demo-reviewer")).get("items").get(0);

            assertThat(entry.get("at").asText()).isEqualTo("2026-11-22T08:00:00Z");
            assertThat(entry.get("actor").asText()).isEqualTo("sam.sales");
            assertThat(entry.get("role").asText()).isEqualTo("sales");
            assertThat(entry.get("action").asText()).isEqualTo("PLACE");
            assertThat(entry.get("fromStatus").isNull()).isTrue();
            assertThat(entry.get("toStatus").asText()).isEqualTo("PENDING_REVIEW");
            assertThat(entry.has("reason")).isTrue();
        });
    }

    @Test
    void shouldAnswer404InTheGatewaysErrorShape() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/NOPE", "demo-sales");

            assertThat(response.statusCode()).isEqualTo(404);
            JsonNode error = json(response);
            assertThat(error.get("status").asInt()).isEqualTo(404);
            assertThat(error.get("error").asText()).isEqualTo("Not Found");
            assertThat(error.get("message").asText()).isEqualTo("no such order");
            assertThat(error.get("problems").isArray()).isTrue();
        });
    }

    @Test
    void shouldRefuseCallersWithoutAKnownKeyAndRolesThatMayNotRead() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(cluster.get("/v1/orders/O-1", null).statusCode()).isEqualTo(401);
            HttpResponse<byte[]> unknown = cluster.get("/v1/orders/O-1", "not-a-key");
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(unknown.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(cluster.get("/v1/orders/O-1?key=demo-sales", null).statusCode()).isEqualTo(401);
            assertThat(cluster.get("/v1/orders", "demo-logistics-sf").statusCode()).isEqualTo(403);
            assertThat(json(cluster.get("/v1/orders", "demo-logistics-sf")).get("status").asInt()).isEqualTo(403);
        });
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileTheStateMoves() {
        put(order("O-1", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.PHONE));
        cluster.state.ready = false;
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String path : List.of("/v1/orders/O-1", "/v1/orders", "/v1/stock", "/v1/alerts")) {
                HttpResponse<byte[]> response = cluster.get(path, "demo-admin");
                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).as(path).contains("1");
                assertThat(json(response).get("status").asInt()).isEqualTo(503);
            }
        });
    }

    @Test
    void shouldServeAKeyOwnedByAnotherInstanceThroughThatInstance() {
        OrderState order = order("O-1", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.PHONE);
        put(order);
        cluster.state.owners.put(InMemoryState.partitionOf(ORDERS, "O-1"), cluster.peer);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-1", "demo-analyst");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("customer").get("phone").asText()).isEqualTo("138****8000");
            assertThat(response.headers().firstValue("X-Orderflow-Standby-Lag")).isEmpty();
            assertThat(cluster.get("/v1/orders/NOPE-" + otherKey(cluster), "demo-analyst").statusCode()).isEqualTo(404);
        });
    }

    /** A key that hashes to the partition the peer owns. */
    private static String otherKey(TestCluster cluster) {
        return "O-1";
    }

    @Test
    void shouldAnswerFromAStandbyWhenTheOwnerIsGoneAndSayHowStaleItIs() {
        put(order("O-1", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.PHONE));
        int p = InMemoryState.partitionOf(ORDERS, "O-1");
        cluster.state.owners.put(p, GONE);
        cluster.state.standbys.put(p, cluster.peer);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-1", "demo-sales");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Orderflow-Standby-Lag")).contains("7");
            assertThat(json(response).get("orderId").asText()).isEqualTo("O-1");
        });
    }

    @Test
    void shouldAnswer503Not404WhenOnlyAStandbyIsLeftAndItDoesNotHoldTheKey() {
        int p = InMemoryState.partitionOf(ORDERS, "O-NEW");
        cluster.state.owners.put(p, GONE);
        cluster.state.standbys.put(p, cluster.peer);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-NEW", "demo-sales");

            assertThat(response.statusCode()).as("a standby may not have caught up: it cannot say the order does not exist")
                    .isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        });
    }

    @Test
    void shouldAnswer503NotHangWhenTheOwnerIsGoneWithoutAStandby() {
        put(order("O-1", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.PHONE));
        cluster.state.owners.put(InMemoryState.partitionOf(ORDERS, "O-1"), GONE);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-1", "demo-sales");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        });
    }

    @Test
    void shouldWaitForTheWriteOfAConsistencyTokenThenAnswer() {
        int p = InMemoryState.partitionOf(ORDERS, "O-9");
        committed(p, 5);
        cluster.scheduler.schedule(() -> {
            put(order("O-9", OrderStatus.PENDING_REVIEW, TestCluster.NOW, "C1", Channel.ONLINE));
            committed(p, 6);
        }, 300, TimeUnit.MILLISECONDS);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-9?after=order-commands:" + p + ":5", "demo-sales");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("orderId").asText()).isEqualTo("O-9");
        });
    }

    @Test
    void shouldWaitForTheWriteOnTheInstanceThatOwnsTheKey() {
        int p = InMemoryState.partitionOf(ORDERS, "O-9");
        cluster.state.owners.put(p, cluster.peer);
        committed(p, 5);
        cluster.scheduler.schedule(() -> {
            put(order("O-9", OrderStatus.PENDING_REVIEW, TestCluster.NOW, "C1", Channel.ONLINE));
            committed(p, 6);
        }, 300, TimeUnit.MILLISECONDS);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-9?after=order-commands:" + p + ":5", "demo-sales");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("orderId").asText()).isEqualTo("O-9");
        });
    }

    @Test
    void shouldKeepWaitingWhileThePlacementWaitsForItsCatalogEntryRatherThanSay404() {
        int p = InMemoryState.partitionOf(ORDERS, "O-7");
        committed(p, 10);
        cluster.state.put("order-processing-store", "O-7", io.orderflow.avro.OrderProcessing.newBuilder().setOrderId("O-7")
                .setAwaitingCatalog(new io.orderflow.avro.OrderCommand("c-7", "O-7", io.orderflow.streams.Commands.SALES,
                        TestCluster.NOW, io.orderflow.streams.Commands.place(io.orderflow.streams.Commands.line("NEW", 1, "1.00"))))
                .build());
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-7?after=order-commands:" + p + ":5&timeout=2s",
                    "demo-sales");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("message").asText()).contains("catalog");
        });
    }

    @Test
    void shouldKeepWaitingWhileTheWriteIsHeldBehindAnApprovalRatherThanAnswerTheOlderOrder() {
        // Found with the README walk: place, approve, ship, pay in one second; the ship, held behind
        // the approval that was still with the stock ledger, was answered with the placed order.
        int p = InMemoryState.partitionOf(ORDERS, "O-9");
        put(order("O-9", OrderStatus.PENDING_REVIEW, TestCluster.NOW, "C1", Channel.ONLINE));
        committed(p, 10);
        cluster.progress.stages("order-commands", ORDERS,
                List.of(Set.of("order-commands"), Set.of("orderflow-stock-by-sku"), Set.of("orderflow-stock-answers")));
        TopicPartition ledger = new TopicPartition("orderflow-stock-by-sku", 0);
        cluster.progress.ends.put(ledger, 8L);
        cluster.progress.committed.put(ledger, 3L);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-9?after=order-commands:" + p + ":5&timeout=1s",
                    "demo-sales");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("message").asText()).contains("order-commands:" + p + ":5", "stage");
        });
    }

    @Test
    void shouldTakeTheTokenFromTheHeaderAndAnswer503WhenTheWriteIsNotProcessedInTime() {
        int p = InMemoryState.partitionOf(ORDERS, "O-9");
        committed(p, 5);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-9?timeout=200ms", "demo-sales",
                    Map.of("X-Orderflow-Consistency", "order-commands:" + p + ":5"));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(cluster.get("/v1/orders/O-9?after=nonsense", "demo-sales").statusCode()).isEqualTo(400);
        });
    }

    @Test
    void shouldWaitUntilTheOrderReachesTheStatusAskedFor() {
        put(order("O-2", OrderStatus.PENDING_REVIEW, TestCluster.NOW, "C1", Channel.ONLINE));
        cluster.scheduler.schedule(() -> put(order("O-2", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.ONLINE)),
                300, TimeUnit.MILLISECONDS);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders/O-2?waitFor=APPROVED&timeout=5s", "demo-sales");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("status").asText()).isEqualTo("APPROVED");
            assertThat(cluster.get("/v1/orders/O-2?waitFor=NOT_A_STATUS", "demo-sales").statusCode()).isEqualTo(400);
        });
    }

    @Test
    void shouldMergeOrdersOfEveryInstanceNewestFirstAndPageWithACursor() {
        for (int i = 0; i < 7; i++) {
            put(order("O-" + i, OrderStatus.APPROVED, TestCluster.NOW.minus(Duration.ofMinutes(i)), "C" + (i % 2), Channel.ONLINE));
        }
        cluster.state.owners.put(1, cluster.peer);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = json(cluster.get("/v1/orders?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), "demo-sales"));
                page.get("items").forEach(o -> seen.add(o.get("orderId").asText()));
                cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null);

            assertThat(seen).containsExactly("O-0", "O-1", "O-2", "O-3", "O-4", "O-5", "O-6");
        });
    }

    @Test
    void shouldFilterOrdersByStatusCustomerChannelAndOrderDate() {
        put(order("A", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.ONLINE));
        put(order("B", OrderStatus.SHIPPED, TestCluster.NOW, "C1", Channel.PHONE));
        put(order("C", OrderStatus.APPROVED, TestCluster.NOW.minus(Duration.ofDays(3)), "C2", Channel.ONLINE));
        cluster.state.owners.put(1, cluster.peer);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(ids(cluster.get("/v1/orders?status=APPROVED", "demo-sales"))).containsExactly("A", "C");
            assertThat(ids(cluster.get("/v1/orders?status=approved,shipped&customer=C1", "demo-sales"))).containsExactly("B", "A");
            assertThat(ids(cluster.get("/v1/orders?channel=PHONE", "demo-sales"))).containsExactly("B");
            assertThat(ids(cluster.get("/v1/orders?from=2026-11-20&to=2026-11-21", "demo-sales"))).isEmpty();
            assertThat(ids(cluster.get("/v1/orders?from=2026-11-19&to=2026-11-19", "demo-sales"))).containsExactly("C");
        });
    }

    @Test
    void shouldSayThatACancellationWaitsForApprovalAndWhoAskedForIt() {
        OrderState order = order("X-1", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.PHONE);
        order.setCancellation(new io.orderflow.avro.Cancellation("客户改主意", new Actor("sam.sales", Role.SALES),
                TestCluster.NOW, null, null));
        put(order);
        put(order("X-2", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.PHONE));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode asked = json(cluster.get("/v1/orders/X-1", "demo-reviewer")).get("cancellation");
            assertThat(asked.get("reason").asText()).isEqualTo("客户改主意");
            assertThat(asked.get("requestedBy").get("id").asText()).isEqualTo("sam.sales");
            assertThat(asked.get("approvedBy").isNull()).isTrue();
            assertThat(json(cluster.get("/v1/orders/X-2", "demo-reviewer")).get("cancellation").isNull()).isTrue();
        });
    }

    @Test
    void shouldFilterOrdersByOwnerPaymentStatusAndSkuAcrossInstances() {
        OrderState a = order("A", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.ONLINE);
        a.setOwner("li.desk");
        a.setPaymentStatus(io.orderflow.avro.PaymentStatus.PAID);
        OrderState b = order("B", OrderStatus.DELIVERED, TestCluster.NOW.minusSeconds(60), "C1", Channel.PHONE);
        b.setOwner("li.desk");
        b.setLines(new ArrayList<>(List.of(OrderFixtures.line("SKU-1", 1, "12.50"), OrderFixtures.line("TEA-9", 4, "3.00"))));
        b.setDeliveredAt(TestCluster.NOW.minusSeconds(30));
        OrderState c = order("C", OrderStatus.APPROVED, TestCluster.NOW.minusSeconds(120), "C2", Channel.ONLINE);
        c.setOwner("wu.desk");
        put(a);
        put(b);
        put(c);
        cluster.state.owners.put(1, cluster.peer);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(ids(cluster.get("/v1/orders?owner=li.desk", "demo-sales"))).containsExactly("A", "B");
            assertThat(ids(cluster.get("/v1/orders?paymentStatus=paid", "demo-sales"))).containsExactly("A");
            assertThat(ids(cluster.get("/v1/orders?paymentStatus=UNPAID", "demo-sales"))).containsExactly("B", "C");
            assertThat(ids(cluster.get("/v1/orders?sku=TEA-9", "demo-sales"))).containsExactly("B");
            assertThat(ids(cluster.get("/v1/orders?sku=SKU-1&owner=li.desk&status=DELIVERED", "demo-sales")))
                    .containsExactly("B");
            assertThat(ids(cluster.get("/v1/orders?sku=NONE", "demo-sales"))).isEmpty();

            JsonNode delivered = json(cluster.get("/v1/orders?sku=TEA-9", "demo-sales")).get("items").get(0);
            assertThat(delivered.get("deliveredAt").asText()).isEqualTo(TestCluster.NOW.minusSeconds(30).toString());
            assertThat(text(cluster.get("/v1/orders?owner=li.desk&format=csv", "demo-analyst")).lines().count())
                    .as("header and two rows").isEqualTo(3);

            HttpResponse<byte[]> wrong = cluster.get("/v1/orders?paymentStatus=OWED", "demo-sales");
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(json(wrong).get("problems").get(0).get("field").asText()).isEqualTo("paymentStatus");
        });
    }

    @Test
    void shouldAnswer503RatherThanAPartialListWhenAPartitionHasNoAnswer() {
        put(order("A", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.ONLINE));
        cluster.state.owners.put(1, GONE);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders", "demo-sales");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("message").asText()).contains("partitions [1]");
        });
    }

    @Test
    void shouldRejectWrongParametersNamingThem() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String[] c : List.of(new String[] {"limit=0", "limit"}, new String[] {"limit=x", "limit"},
                    new String[] {"cursor=%25%25", "cursor"}, new String[] {"status=LOST", "status"},
                    new String[] {"from=22.11.2026", "from"}, new String[] {"channel=FAX", "channel"},
                    new String[] {"format=pdf", "format"})) {
                HttpResponse<byte[]> response = cluster.get("/v1/orders?" + c[0], "demo-sales");
                assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
                assertThat(json(response).get("problems").get(0).get("field").asText()).isEqualTo(c[1]);
            }
        });
    }

    @Test
    void shouldExportOrdersAsCsvWithABomAndMaskedPersonalData() {
        put(order("A", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.ONLINE));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders?format=csv", "demo-analyst");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("orders.csv");
            String csv = text(response);
            assertThat(csv).startsWith("\uFEFForderId,orderDate,channel,customerId,customerName,contactName,phone,address,status");
            assertThat(csv).contains("A,2026-11-22,ONLINE,C1,深圳客户 C1,王**,138****8000,深圳市南山****,APPROVED");
            assertThat(csv).doesNotContain("13800138000");
        });
    }

    @Test
    void shouldExportOrdersWithChineseHeadersWhenAsked() {
        put(order("A", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.ONLINE));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            String csv = text(cluster.get("/v1/orders?format=csv&lang=zh", "demo-analyst"));
            assertThat(csv).startsWith("\uFEFF订单编号,下单日期,渠道,客户编号,客户名称,联系人,联系电话,收货地址,状态");
            assertThat(csv).contains("A,2026-11-22,ONLINE,C1,深圳客户 C1");
            assertThat(text(cluster.get("/v1/orders?format=csv&lang=en", "demo-analyst"))).startsWith("\uFEFForderId,");
            HttpResponse<byte[]> wrong = cluster.get("/v1/orders?format=csv&lang=fr", "demo-analyst");
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(json(wrong).get("problems").get(0).get("field").asText()).isEqualTo("lang");
        });
    }

    @Test
    void shouldExportOrdersAsXlsxWhenAskedByAcceptHeader() {
        put(order("A", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.ONLINE));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            HttpResponse<byte[]> response = cluster.get("/v1/orders", "demo-sales",
                    Map.of("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("orders.xlsx");
            assertThat(Workbooks.cells(response.body())).contains("orderId", "A", "13800138000");
        });
    }

    private static List<String> ids(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(response).get("items").forEach(o -> ids.add(o.get("orderId").asText()));
        return ids;
    }
}
