package io.orderflow.gateway.http;

import static io.orderflow.gateway.http.Requests.header;
import static io.orderflow.gateway.http.Requests.json;
import static io.orderflow.gateway.http.Requests.post;
import static io.orderflow.gateway.http.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Channel;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Role;
import io.orderflow.gateway.TestGateway;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OrdersRoutesTest {

    private final TestGateway gateway = new TestGateway();

    @Test
    void shouldAcceptAnOrderOnlyOnceKafkaHasIt() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = post(client, "/v1/orders", "demo-sales", Requests.ORDER);

            assertThat(response.code()).isEqualTo(202);
            JsonNode body = json(response);
            String orderId = body.get("orderId").asText();
            assertThat(orderId).isEqualTo("20261122-000001");
            assertThat(body.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(body.get("consistencyToken").asText()).isEqualTo("order-commands:0:0");
            assertThat(header(response, "X-Orderflow-Consistency")).isEqualTo("order-commands:0:0");
            assertThat(header(response, "Location")).isEqualTo(TestGateway.QUERY_API + "/v1/orders/" + orderId);
            assertThat(body.get("location").asText()).isEqualTo(header(response, "Location"));

            var records = gateway.log.on("order-commands");
            assertThat(records).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo(orderId);
            OrderCommand command = (OrderCommand) records.get(0).value();
            assertThat(command.getOrderId()).isEqualTo(orderId);
            assertThat(command.getCommandId()).isEqualTo(body.get("commandId").asText());
            assertThat(command.getActor().getId()).isEqualTo("demo-sales");
            assertThat(command.getActor().getRole()).isEqualTo(Role.SALES);
            assertThat(command.getAt()).isEqualTo(TestGateway.NOW);
            PlaceOrder place = (PlaceOrder) command.getPayload();
            assertThat(place.getChannel()).isEqualTo(Channel.ONLINE);
            assertThat(place.getOrderDate()).isEqualTo(LocalDate.of(2026, 11, 22));
            assertThat(place.getExpectedDeliveryDate()).isEqualTo(LocalDate.of(2026, 11, 30));
            assertThat(place.getPaymentMethod()).isEqualTo(PaymentMethod.BANK_TRANSFER);
            assertThat(place.getCustomer().getPhone()).isEqualTo("13800000000");
            assertThat(place.getLines().get(0).getUnitPrice()).isEqualTo(new BigDecimal("12.50"));
            assertThat(place.getLines().get(0).getAmount()).isEqualTo(new BigDecimal("37.50"));
            assertThat(place.getLines().get(0).getSpec()).isEqualTo("red, L");
        });
    }

    @Test
    void shouldAcceptABodyWithAByteOrderMark() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = post(client, "/v1/orders", "demo-sales", "\ufeff" + Requests.ORDER);

            assertThat(response.code()).isEqualTo(202);
        });
    }

    @Test
    void shouldComputeTheAmountWhenTheClientSendsNone() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = post(client, "/v1/orders", "demo-sales", Requests.ORDER.replace(", \"amount\": \"37.50\"", ""));

            assertThat(response.code()).isEqualTo(202);
            PlaceOrder place = (PlaceOrder) ((OrderCommand) gateway.log.records().get(0).value()).getPayload();
            assertThat(place.getLines().get(0).getAmount()).isEqualTo(new BigDecimal("37.50"));
        });
    }

    @Test
    void shouldCarryTheCreditTermsOfACreditOrder() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = post(client, "/v1/orders", "demo-sales", Requests.ORDER
                    .replace("\"BANK_TRANSFER\"", "\"CREDIT_TERMS\", \"paymentTerms\": {\"dueDays\": 45}"));

            assertThat(response.code()).isEqualTo(202);
            PlaceOrder place = (PlaceOrder) ((OrderCommand) gateway.log.records().get(0).value()).getPayload();
            assertThat(place.getPaymentMethod()).isEqualTo(io.orderflow.avro.PaymentMethod.CREDIT_TERMS);
            assertThat(place.getPaymentTerms().getDueDays()).isEqualTo(45);
        });
    }

    @Test
    void shouldKeepTheClientsOrderIdAndAnswerARetryWithTheFirstAnswer() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var first = post(client, "/v1/orders", "demo-sales", Requests.orderWithId("SHOP-42"));
            var retry = post(client, "/v1/orders", "demo-sales", Requests.orderWithId("SHOP-42"));

            assertThat(first.code()).isEqualTo(202);
            assertThat(retry.code()).isEqualTo(202);
            assertThat(json(first).get("orderId").asText()).isEqualTo("SHOP-42");
            assertThat(json(retry)).isEqualTo(json(first));
            assertThat(header(retry, "Idempotent-Replayed")).isEqualTo("true");
            assertThat(gateway.log.on("order-commands")).hasSize(1);
        });
    }

    @Test
    void shouldRefuseAClientOrderIdReusedForADifferentOrder() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            post(client, "/v1/orders", "demo-sales", Requests.orderWithId("SHOP-43"));
            var other = post(client, "/v1/orders", "demo-sales",
                    Requests.orderWithId("SHOP-43").replace("gift wrap", "no wrap"));

            assertThat(other.code()).isEqualTo(409);
            assertThat(json(other).at("/problems/0/field").asText()).isEqualTo("orderId");
            assertThat(gateway.log.on("order-commands")).hasSize(1);
        });
    }

    @Test
    void shouldAnswerARetryUnderTheSameIdempotencyKeyWithTheSameGeneratedOrderId() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var key = java.util.Map.of("Idempotency-Key", "k-1");
            var first = post(client, "/v1/orders", "demo-sales", Requests.ORDER, key);
            var retry = post(client, "/v1/orders", "demo-sales", Requests.ORDER, key);

            assertThat(json(retry).get("orderId")).isEqualTo(json(first).get("orderId"));
            assertThat(json(retry).get("consistencyToken")).isEqualTo(json(first).get("consistencyToken"));
            assertThat(gateway.log.on("order-commands")).hasSize(1);
        });
    }

    @Test
    void shouldAnswerARetryAfterARestartWithTheFirstAnswerAndTheSameCommandId() {
        var key = java.util.Map.of("Idempotency-Key", "k-restart");
        String[] first = new String[1];
        JavalinTest.test(gateway.app(), (server, client) ->
                first[0] = post(client, "/v1/orders", "demo-sales", Requests.ORDER, key).body().string());
        JavalinTest.test(gateway.app(), (server, client) -> {
            var retry = post(client, "/v1/orders", "demo-sales", Requests.ORDER, key);

            assertThat(retry.code()).isEqualTo(202);
            assertThat(json(retry)).isEqualTo(Requests.JSON.readTree(first[0]));
            assertThat(gateway.log.on("order-commands")).hasSize(1);
        });
    }

    @Test
    void shouldScopeIdempotencyKeysToTheCaller() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var key = java.util.Map.of("Idempotency-Key", "same");
            post(client, "/v1/orders", "demo-sales", Requests.ORDER, key);
            post(client, "/v1/orders", "demo-admin", Requests.ORDER, key);

            assertThat(gateway.log.on("order-commands")).hasSize(2);
        });
    }

    @Test
    void shouldAmendAnOrder() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = put(client, "/v1/orders/SHOP-1", "demo-sales", Requests.ORDER);

            assertThat(response.code()).isEqualTo(202);
            OrderCommand command = (OrderCommand) gateway.log.records().get(0).value();
            assertThat(command.getOrderId()).isEqualTo("SHOP-1");
            assertThat(command.getPayload()).isInstanceOf(io.orderflow.avro.AmendOrder.class);
        });
    }

    @Test
    void shouldAnswer503WithRetryAfterAndAcceptNothingWhenKafkaIsDown() {
        gateway.log.failing(true);
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = post(client, "/v1/orders", "demo-sales", Requests.orderWithId("SHOP-9"));

            assertThat(response.code()).isEqualTo(503);
            assertThat(header(response, "Retry-After")).isEqualTo("5");
            assertThat(json(response).get("status").asInt()).isEqualTo(503);
            assertThat(gateway.log.records()).isEmpty();

            gateway.log.failing(false);
            var retry = post(client, "/v1/orders", "demo-sales", Requests.orderWithId("SHOP-9"));
            assertThat(retry.code()).isEqualTo(202);
            assertThat(gateway.log.records()).hasSize(1);
        });
    }
}
