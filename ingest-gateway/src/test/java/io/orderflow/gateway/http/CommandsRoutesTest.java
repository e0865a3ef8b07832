package io.orderflow.gateway.http;

import static io.orderflow.gateway.http.Requests.header;
import static io.orderflow.gateway.http.Requests.json;
import static io.orderflow.gateway.http.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.AddNote;
import io.orderflow.avro.ApproveCancellation;
import io.orderflow.avro.ApproveOrder;
import io.orderflow.avro.AssignOrder;
import io.orderflow.avro.CloseShort;
import io.orderflow.avro.CompleteOrder;
import io.orderflow.avro.ConfirmDelivery;
import io.orderflow.avro.DecideRefund;
import io.orderflow.avro.DecideReturn;
import io.orderflow.avro.HoldOrder;
import io.orderflow.avro.HoldReason;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.ReceiveReturn;
import io.orderflow.avro.RecordPayment;
import io.orderflow.avro.RecordServiceResult;
import io.orderflow.avro.RefundOrder;
import io.orderflow.avro.ReleaseHold;
import io.orderflow.avro.RequestCancellation;
import io.orderflow.avro.RequestReturn;
import io.orderflow.avro.RescheduleDelivery;
import io.orderflow.avro.ReturnForChanges;
import io.orderflow.avro.Role;
import io.orderflow.avro.ScheduleService;
import io.orderflow.avro.ShipOrder;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.SubmitOrder;
import io.orderflow.gateway.TestGateway;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandsRoutesTest {

    private static final Map<String, String> KEYS = Map.of(
            "sales", "demo-sales", "reviewer", "demo-reviewer", "warehouse", "demo-warehouse",
            "logistics", "demo-logistics-sf", "service", "demo-service", "analyst", "demo-analyst",
            "admin", "demo-admin", "platform", "demo-platform");

    /** action, a valid body, the payload it maps to, the roles allowed (admin always is). */
    static Stream<Arguments> actions() {
        return Stream.of(
                Arguments.of("submit", "{}", SubmitOrder.class, Set.of("sales", "platform")),
                Arguments.of("approve", "{\"note\": \"ok\"}", ApproveOrder.class, Set.of("reviewer")),
                Arguments.of("return", "{\"reason\": \"wrong price\"}", ReturnForChanges.class, Set.of("reviewer")),
                Arguments.of("cancel", "{\"reason\": \"customer changed mind\"}", RequestCancellation.class,
                        Set.of("sales", "platform")),
                Arguments.of("approve-cancel", "{}", ApproveCancellation.class, Set.of("reviewer")),
                Arguments.of("ship", "{\"lines\": [{\"sku\": \"SKU-A\", \"quantity\": 3}], \"carrier\": \"SF\","
                        + " \"trackingNumber\": \"SF100200300\"}", ShipOrder.class, Set.of("warehouse")),
                Arguments.of("deliver", "{\"deliveredAt\": \"2026-11-21T10:00:00+08:00\"}", ConfirmDelivery.class,
                        Set.of("warehouse")),
                Arguments.of("complete", "{}", CompleteOrder.class, Set.of("sales", "platform", "reviewer")),
                Arguments.of("schedule-service", "{\"scheduledFor\": \"2026-12-01T09:00:00Z\", \"assignee\": \"li\"}",
                        ScheduleService.class, Set.of("service")),
                Arguments.of("service-result", "{\"result\": \"installed\", \"feedback\": \"good\", \"rating\": 5}",
                        RecordServiceResult.class, Set.of("service")),
                Arguments.of("request-return", "{\"reason\": \"broken\", \"lines\": [{\"sku\": \"SKU-A\", \"quantity\": 1}]}",
                        RequestReturn.class, Set.of("sales", "platform")),
                Arguments.of("approve-return", "{}", DecideReturn.class, Set.of("reviewer")),
                Arguments.of("reject-return", "{\"reason\": \"used\"}", DecideReturn.class, Set.of("reviewer")),
                Arguments.of("receive-return", "{\"lines\": [{\"sku\": \"SKU-A\", \"quantity\": 1}]}",
                        ReceiveReturn.class, Set.of("warehouse")),
                Arguments.of("pay", "{\"amount\": \"37.50\", \"method\": \"CARD\", \"reference\": \"R-1\"}",
                        RecordPayment.class, Set.of("sales", "platform")),
                Arguments.of("reschedule", "{\"expectedDeliveryDate\": \"2026-12-20\", \"reason\": \"supplier late\"}",
                        RescheduleDelivery.class, Set.of("sales", "platform", "reviewer")),
                Arguments.of("hold", "{\"reason\": \"AWAITING_PAYMENT\", \"note\": \"bank\"}", HoldOrder.class,
                        Set.of("sales", "platform", "reviewer")),
                Arguments.of("release-hold", "{}", ReleaseHold.class, Set.of("sales", "platform", "reviewer")),
                Arguments.of("assign", "{\"owner\": \"lin.sales\"}", AssignOrder.class,
                        Set.of("sales", "platform", "reviewer")),
                Arguments.of("note", "{\"note\": \"customer called\"}", AddNote.class,
                        Set.of("sales", "platform", "reviewer", "warehouse", "service")),
                Arguments.of("close-short", "{\"reason\": \"discontinued\"}", CloseShort.class,
                        Set.of("sales", "platform", "reviewer")),
                Arguments.of("refund", "{\"amount\": \"12.50\", \"reason\": \"returned\"}", RefundOrder.class,
                        Set.of("sales", "platform", "reviewer")),
                Arguments.of("approve-refund", "{}", DecideRefund.class, Set.of("reviewer")),
                Arguments.of("reject-refund", "{\"reason\": \"not owed\"}", DecideRefund.class, Set.of("reviewer")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void shouldWriteEachCommandForAnAllowedRole(String action, String body, Class<?> payload, Set<String> roles) {
        TestGateway gateway = new TestGateway();
        JavalinTest.test(gateway.app(), (server, client) -> {
                String role = roles.iterator().next();
                var response = post(client, "/v1/orders/20261122-000007/" + action, KEYS.get(role), body);

                assertThat(response.code()).isEqualTo(202);
                assertThat(json(response).get("orderId").asText()).isEqualTo("20261122-000007");
                assertThat(header(response, "Location")).endsWith("/v1/orders/20261122-000007");
                var records = gateway.log.on("order-commands");
                assertThat(records).hasSize(1);
                assertThat(records.get(0).key()).isEqualTo("20261122-000007");
                OrderCommand command = (OrderCommand) records.get(0).value();
                assertThat(command.getPayload()).isInstanceOf(payload);
                assertThat(command.getActor().getRole().name()).isEqualTo(role.toUpperCase());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void shouldRefuseEveryOtherRole(String action, String body, Class<?> payload, Set<String> roles) {
        TestGateway gateway = new TestGateway();
        JavalinTest.test(gateway.app(), (server, client) -> {
            for (String role : KEYS.keySet()) {
                var response = post(client, "/v1/orders/O-1/" + action, KEYS.get(role), body);
                int expected = roles.contains(role) || role.equals("admin") ? 202 : 403;
                assertThat(response.code()).as(role + " " + action).isEqualTo(expected);
                if (expected == 403) {
                    assertThat(json(response).get("error").asText()).isEqualTo("Forbidden");
                }
            }
            assertThat(gateway.log.records()).hasSize(roles.size() + 1);
        });
    }

    @Test
    void shouldMapShipmentLinesCarrierAndTrackingNumber() {
        TestGateway gateway = new TestGateway();
        JavalinTest.test(gateway.app(), (server, client) -> {
            post(client, "/v1/orders/O-2/ship", "demo-warehouse", "{\"lines\": [{\"sku\": \"SKU-A\", \"quantity\": 3},"
                    + " {\"sku\": \"SKU-B\", \"quantity\": 1}], \"carrier\": \"SF\", \"trackingNumber\": \"SF100200300\"}");

            ShipOrder ship = (ShipOrder) ((OrderCommand) gateway.log.records().get(0).value()).getPayload();
            assertThat(ship.getLines()).containsExactly(new ShipmentLine("SKU-A", 3), new ShipmentLine("SKU-B", 1));
            assertThat(ship.getCarrier()).isEqualTo("SF");
            assertThat(ship.getTrackingNumber()).isEqualTo("SF100200300");
        });
    }

    @Test
    void shouldMapReturnDecisionsAndPayments() {
        TestGateway gateway = new TestGateway();
        JavalinTest.test(gateway.app(), (server, client) -> {
            post(client, "/v1/orders/O-3/approve-return", "demo-reviewer", "{\"reason\": \"fine\"}");
            post(client, "/v1/orders/O-3/reject-return", "demo-reviewer", "{\"reason\": \"used\"}");
            post(client, "/v1/orders/O-3/pay", "demo-sales", "{\"amount\": \"10.5\"}");
            post(client, "/v1/orders/O-3/deliver", "demo-warehouse", "{\"deliveredAt\": \"2026-11-21T10:00:00+08:00\"}");

            List<Object> payloads = gateway.log.records().stream()
                    .map(r -> ((OrderCommand) r.value()).getPayload()).toList();
            assertThat(payloads.get(0)).isEqualTo(new DecideReturn(true, "fine"));
            assertThat(payloads.get(1)).isEqualTo(new DecideReturn(false, "used"));
            assertThat(((RecordPayment) payloads.get(2)).getAmount()).isEqualTo(new BigDecimal("10.50"));
            assertThat(((ConfirmDelivery) payloads.get(3)).getDeliveredAt())
                    .isEqualTo(Instant.parse("2026-11-21T02:00:00Z"));
        });
    }

    @Test
    void shouldGiveEveryCommandItsOwnCommandIdUnlessItIsARetry() {
        TestGateway gateway = new TestGateway();
        JavalinTest.test(gateway.app(), (server, client) -> {
            post(client, "/v1/orders/O-4/submit", "demo-sales", "{}");
            post(client, "/v1/orders/O-4/submit", "demo-sales", "{}");
            post(client, "/v1/orders/O-4/submit", "demo-sales", "{}", Map.of("Idempotency-Key", "s-1"));
            var retry = post(client, "/v1/orders/O-4/submit", "demo-sales", "{}", Map.of("Idempotency-Key", "s-1"));

            assertThat(header(retry, "Idempotent-Replayed")).isEqualTo("true");
            assertThat(gateway.log.records()).hasSize(3);
            assertThat(gateway.log.records().stream().map(r -> ((OrderCommand) r.value()).getCommandId()).distinct())
                    .hasSize(3);
        });
    }

    @Test
    void shouldRefuseTheSameIdempotencyKeyOnAnotherCommand() {
        TestGateway gateway = new TestGateway();
        JavalinTest.test(gateway.app(), (server, client) -> {
            post(client, "/v1/orders/O-5/submit", "demo-sales", "{}", Map.of("Idempotency-Key", "s-2"));
            var other = post(client, "/v1/orders/O-5/cancel", "demo-sales", "{\"reason\": \"x\"}",
                    Map.of("Idempotency-Key", "s-2"));

            assertThat(other.code()).isEqualTo(409);
            assertThat(json(other).at("/problems/0/field").asText()).isEqualTo("Idempotency-Key");
            assertThat(gateway.log.records()).hasSize(1);
        });
    }

    @Test
    void shouldStampTheActorAndTheRequestTime() {
        TestGateway gateway = new TestGateway();
        JavalinTest.test(gateway.app(), (server, client) -> {
            post(client, "/v1/orders/O-6/approve", "demo-reviewer", "{}");

            OrderCommand command = (OrderCommand) gateway.log.records().get(0).value();
            assertThat(command.getActor().getId()).isEqualTo("demo-reviewer");
            assertThat(command.getActor().getRole()).isEqualTo(Role.REVIEWER);
            assertThat(command.getAt()).isEqualTo(TestGateway.NOW);
        });
    }

    @Test
    void shouldMapTheOrderDesksCommands() {
        TestGateway gateway = new TestGateway();
        JavalinTest.test(gateway.app(), (server, client) -> {
            post(client, "/v1/orders/O-7/reschedule", "demo-sales",
                    "{\"expectedDeliveryDate\": \"2026-12-20\", \"reason\": \" supplier late \"}");
            post(client, "/v1/orders/O-7/hold", "demo-reviewer", "{\"reason\": \"ADDRESS_INCORRECT\"}");
            post(client, "/v1/orders/O-7/release-hold", "demo-sales", "{\"note\": \"address fixed\"}");
            post(client, "/v1/orders/O-7/assign", "demo-sales", "{\"owner\": \"lin.sales\"}");
            post(client, "/v1/orders/O-7/note", "demo-warehouse", "{\"note\": \"box dented\"}");
            post(client, "/v1/orders/O-7/close-short", "demo-reviewer", "{\"reason\": \" discontinued \"}");
            post(client, "/v1/orders/O-7/refund", "demo-sales", "{\"amount\": \"12.50\", \"reason\": \"returned\","
                    + " \"lines\": [{\"sku\": \"SKU-A\", \"quantity\": 1}]}");
            post(client, "/v1/orders/O-7/approve-refund", "demo-reviewer", "{}");
            post(client, "/v1/orders/O-7/reject-refund", "demo-reviewer", "{\"reason\": \"not owed\"}");

            List<Object> payloads = gateway.log.records().stream()
                    .map(r -> ((OrderCommand) r.value()).getPayload()).toList();
            assertThat(payloads).containsExactly(
                    new RescheduleDelivery(LocalDate.of(2026, 12, 20), "supplier late"),
                    new HoldOrder(HoldReason.ADDRESS_INCORRECT, null),
                    new ReleaseHold("address fixed"),
                    new AssignOrder("lin.sales"),
                    new AddNote("box dented"),
                    new CloseShort("discontinued"),
                    new RefundOrder(new BigDecimal("12.50"), "returned", List.of(new ShipmentLine("SKU-A", 1))),
                    new DecideRefund(true, null),
                    new DecideRefund(false, "not owed"));
        });
    }

    /** route, body, the field paths at fault: each a 400 in the one error shape, nothing written. */
    static Stream<Arguments> invalidOrderDeskBodies() {
        return Stream.of(
                Arguments.of("reschedule", "{\"reason\": \"late\"}", List.of("expectedDeliveryDate")),
                Arguments.of("reschedule", "{\"expectedDeliveryDate\": \"20.12.2026\"}",
                        List.of("expectedDeliveryDate", "reason")),
                Arguments.of("reschedule", "{\"expectedDeliveryDate\": \"2026-12-20\", \"reason\": \" \","
                        + " \"when\": 1}", List.of("reason", "when")),
                Arguments.of("hold", "{\"reason\": \"LUNCH\"}", List.of("reason")),
                Arguments.of("hold", "{\"reason\": \"UNKNOWN\"}", List.of("reason")),
                Arguments.of("hold", "{\"note\": \"no reason\"}", List.of("reason")),
                Arguments.of("release-hold", "{\"note\": 7}", List.of("note")),
                Arguments.of("assign", "{}", List.of("owner")),
                Arguments.of("assign", "{\"owner\": \"lin sales\"}", List.of("owner")),
                Arguments.of("note", "{\"note\": \"\"}", List.of("note")),
                Arguments.of("note", "[]", List.of("$")),
                Arguments.of("close-short", "{}", List.of("reason")),
                Arguments.of("close-short", "{\"reason\": \" \", \"lines\": []}", List.of("reason", "lines")),
                Arguments.of("refund", "{\"reason\": \"returned\"}", List.of("amount")),
                Arguments.of("refund", "{\"amount\": 12.5, \"reason\": \"returned\"}", List.of("amount")),
                Arguments.of("refund", "{\"amount\": \"-1.00\", \"reason\": \"\"}", List.of("amount", "reason")),
                Arguments.of("refund", "{\"amount\": \"1.00\", \"reason\": \"x\", \"lines\": [{\"sku\": \"A\", \"quantity\": 0}]}",
                        List.of("lines[0].quantity")),
                Arguments.of("reject-refund", "{}", List.of("reason")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidOrderDeskBodies")
    void shouldAnswer400WithTheFieldPathsOfAnInvalidOrderDeskCommand(String action, String body, List<String> fields) {
        TestGateway gateway = new TestGateway();
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = post(client, "/v1/orders/O-8/" + action, "demo-admin", body);

            assertThat(response.code()).isEqualTo(400);
            var error = json(response);
            assertThat(error.get("status").asInt()).isEqualTo(400);
            assertThat(error.get("problems").findValuesAsText("field")).containsExactlyInAnyOrderElementsOf(fields);
            assertThat(gateway.log.records()).isEmpty();
        });
    }
}
