package io.orderflow.gateway.http;

import static io.orderflow.gateway.http.Requests.json;
import static io.orderflow.gateway.http.Requests.post;
import static io.orderflow.gateway.http.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.ApproveOrder;
import io.orderflow.avro.CustomerClass;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.OrderCommand;
import io.orderflow.gateway.TestGateway;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/customers/{id}} and the credit-limit override of {@code POST /v1/orders/{id}/approve}. */
class CustomerRoutesTest {

    private static final String FULL = """
            {"name": "Acme Trading", "class": "VIP", "contactName": "Li Lei", "phone": "+86 10 5555 0000",
             "address": "1 Road", "paymentTerms": {"dueDays": 30},
             "creditLimit": {"amount": "50000.00", "currency": "CNY"}, "reason": "annual review"}
            """;

    private final TestGateway gateway = new TestGateway();

    @Test
    void shouldPutACustomerRecordKeyedByCustomerId() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = put(client, "/v1/customers/C-1", "demo-admin", FULL);

            assertThat(response.code()).isEqualTo(202);
            assertThat(json(response).get("customerId").asText()).isEqualTo("C-1");
            assertThat(json(response).get("consistencyToken").asText()).isEqualTo("customers:0:0");
            var records = gateway.log.on("customers");
            assertThat(records.get(0).key()).isEqualTo("C-1");
            CustomerRecord customer = (CustomerRecord) records.get(0).value();
            assertThat(customer.getId()).isEqualTo("C-1");
            assertThat(customer.getName()).isEqualTo("Acme Trading");
            assertThat(customer.getCustomerClass()).isEqualTo(CustomerClass.VIP);
            assertThat(customer.getPhone()).isEqualTo("+86 10 5555 0000");
            assertThat(customer.getPaymentTerms().getDueDays()).isEqualTo(30);
            assertThat(customer.getCreditLimit().getAmount()).isEqualByComparingTo("50000.00");
            assertThat(customer.getCreditLimit().getCurrency()).isEqualTo("CNY");
            assertThat(customer.getReason()).isEqualTo("annual review");
            assertThat(customer.getUpdatedBy().getId()).isEqualTo("demo-admin");
            assertThat(customer.getUpdatedAt()).isEqualTo(TestGateway.NOW);
        });
    }

    @Test
    void shouldTakeAMinimalRecordWithoutLimitOrTerms() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = put(client, "/v1/customers/C-2", "demo-admin", "{\"name\": \"Walk-in\"}");

            assertThat(response.code()).isEqualTo(202);
            CustomerRecord customer = (CustomerRecord) gateway.log.on("customers").get(0).value();
            assertThat(customer.getCreditLimit()).isNull();
            assertThat(customer.getPaymentTerms()).isNull();
            assertThat(customer.getCustomerClass()).isNull();
        });
    }

    @Test
    void shouldRefuseCustomerRecordsFromAnyoneButAnAdmin() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var sales = put(client, "/v1/customers/C-1", "demo-sales", FULL);
            var reviewer = put(client, "/v1/customers/C-1", "demo-reviewer", FULL);

            assertThat(sales.code()).isEqualTo(403);
            assertThat(reviewer.code()).isEqualTo(403);
            assertThat(gateway.log.records()).isEmpty();
        });
    }

    @Test
    void shouldNameEveryBadFieldOfACustomerRecord() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = put(client, "/v1/customers/C-1", "demo-admin", """
                    {"class": "GOLD", "phone": "call me", "paymentTerms": {"dueDays": 0},
                     "creditLimit": {"amount": "-1.00", "currency": "yuan"}, "colour": "red"}
                    """);

            assertThat(response.code()).isEqualTo(400);
            assertThat(json(response).get("problems").findValuesAsText("field")).contains("name", "class", "phone",
                    "paymentTerms.dueDays", "creditLimit.amount", "creditLimit.currency", "colour");
            assertThat(gateway.log.records()).isEmpty();
        });
    }

    @Test
    void shouldRefuseACreditLimitWithoutItsAmountAndABadPath() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var noAmount = put(client, "/v1/customers/C-1", "demo-admin",
                    "{\"name\": \"Acme\", \"creditLimit\": {\"currency\": \"CNY\"}}");
            var badId = put(client, "/v1/customers/C%201", "demo-admin", "{\"name\": \"Acme\"}");

            assertThat(noAmount.code()).isEqualTo(400);
            assertThat(json(noAmount).at("/problems/0/field").asText()).isEqualTo("creditLimit.amount");
            assertThat(badId.code()).isEqualTo(400);
            assertThat(json(badId).at("/problems/0/field").asText()).isEqualTo("id");
            assertThat(gateway.log.records()).isEmpty();
        });
    }

    @Test
    void shouldCarryACreditLimitOverrideWithItsReason() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = post(client, "/v1/orders/O-1/approve", "demo-admin",
                    "{\"overrideCreditLimit\": true, \"note\": \"paid by wire today\"}");

            assertThat(response.code()).isEqualTo(202);
            OrderCommand command = (OrderCommand) gateway.log.on("order-commands").get(0).value();
            ApproveOrder approval = (ApproveOrder) command.getPayload();
            assertThat(approval.getOverrideCreditLimit()).isTrue();
            assertThat(approval.getNote()).isEqualTo("paid by wire today");
        });
    }

    @Test
    void shouldRefuseAnOverrideWithoutAReason() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = post(client, "/v1/orders/O-1/approve", "demo-admin", "{\"overrideCreditLimit\": true}");
            var notABoolean = post(client, "/v1/orders/O-1/approve", "demo-admin",
                    "{\"overrideCreditLimit\": \"yes\", \"note\": \"x\"}");

            assertThat(response.code()).isEqualTo(400);
            assertThat(json(response).at("/problems/0/field").asText()).isEqualTo("note");
            assertThat(notABoolean.code()).isEqualTo(400);
            assertThat(json(notABoolean).at("/problems/0/field").asText()).isEqualTo("overrideCreditLimit");
            assertThat(gateway.log.records()).isEmpty();
        });
    }

    @Test
    void shouldApproveWithoutAnOverrideAsBefore() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = post(client, "/v1/orders/O-1/approve", "demo-reviewer", "{\"note\": \"ok\"}");

            assertThat(response.code()).isEqualTo(202);
            OrderCommand command = (OrderCommand) gateway.log.on("order-commands").get(0).value();
            assertThat(((ApproveOrder) command.getPayload()).getOverrideCreditLimit()).isFalse();
        });
    }
}
