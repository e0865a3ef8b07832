package io.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 25, end to end through HTTP only, as an order desk would use it: an approved order amended and its stock
 * following the new lines, the four-eyes rule against the amender; a promised date rescheduled and its overdue alert
 * following it; an order on credit terms left unpaid past its due date, its PAYMENT_OVERDUE alert and its place in
 * the receivables, until it is paid; a customer's record with default terms and a credit limit, an approval over it
 * refused until an admin overrides it.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OrderChangesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Only this class uses these SKUs, order ids and customers, so their figures are its own. */
    private static final String A = "OC-A";
    private static final String B = "OC-B";

    private static E2eStack stack;
    private final Api api = new Api();
    private final Orders orders = new Orders(stack);

    @BeforeAll
    static void startStack() {
        stack = E2eStack.shared();
    }

    @Test
    void anApprovedOrderAmendedLetsItsStockGoAndReservesItsNewLinesWhenApprovedAgain() throws Exception {
        Catalog.stock(stack, List.of(A, B), 10, new Ledger());
        place("oc-amend", "C-oc-amend", "BANK_TRANSFER", null, null, line(A, 3), line(B, 2));
        command("oc-amend", "approve", Api.REVIEWER, Map.of());
        orders.awaitStatus("oc-amend", "APPROVED");
        orders.awaitStock(A, 10, 3);
        orders.awaitStock(B, 10, 2);

        Map<String, Object> amended = body("oc-amend", "C-oc-amend", "BANK_TRANSFER", null, null, line(A, 5));
        amended.remove("orderId");
        Api.Response put = api.put(stack.gatewayUrl() + "/v1/orders/oc-amend", Api.ADMIN, amended);
        assertThat(put.status()).as(put.toString()).isEqualTo(202);
        JsonNode back = orders.awaitStatus("oc-amend", "PENDING_REVIEW");
        assertThat(back.path("reviewer").isNull()).isTrue();
        orders.awaitStock(A, 10, 0);
        orders.awaitStock(B, 10, 0);
        List<JsonNode> history = orders.historyEntries("oc-amend");
        JsonNode entry = history.get(history.size() - 1);
        assertThat(entry.path("action").asText()).isEqualTo("AmendOrder");
        assertThat(entry.path("reason").asText()).isEqualTo("lines 3 x OC-A @ 10.00, 2 x OC-B @ 10.00 -> 5 x OC-A @ 10.00");

        // whoever amended it does not approve it
        command("oc-amend", "approve", Api.ADMIN, Map.of());
        Poll.until(WAIT, "the amender's approval refused", () -> api.get(stack.queryUrl(0)
                + "/v1/orders/oc-amend/refusals", Api.REVIEWER).json().toString().contains("FOUR_EYES"));
        assertThat(orders.awaitStatus("oc-amend", "PENDING_REVIEW").path("status").asText()).isEqualTo("PENDING_REVIEW");

        command("oc-amend", "approve", Api.REVIEWER, Map.of("note", "second look"));
        JsonNode approved = orders.awaitStatus("oc-amend", "APPROVED");
        assertThat(approved.path("lines")).singleElement().satisfies(line -> {
            assertThat(line.path("sku").asText()).isEqualTo(A);
            assertThat(line.path("reservedQuantity").asInt()).isEqualTo(5);
        });
        orders.awaitStock(A, 10, 5);
        orders.awaitStock(B, 10, 0);
    }

    @Test
    void theOverdueAlertFollowsARescheduledDate() throws Exception {
        Catalog.stock(stack, List.of("OC-R"), 5, new Ledger());
        LocalDate yesterday = LocalDate.now(ZONE).minusDays(1);
        place("oc-late", "C-oc-late", "BANK_TRANSFER", null, yesterday, line("OC-R", 1));
        command("oc-late", "approve", Api.REVIEWER, Map.of());
        orders.awaitStatus("oc-late", "APPROVED");
        awaitAlert("oc-late", "OVERDUE_DELIVERY", true);

        LocalDate agreed = LocalDate.now(ZONE).plusDays(10);
        command("oc-late", "reschedule", Api.SALES, Map.of("expectedDeliveryDate", agreed.toString(),
                "reason", "supplier ships late"));
        JsonNode rescheduled = orders.awaitField("oc-late", "expectedDeliveryDate", agreed.toString());
        assertThat(rescheduled.path("promisedDeliveryDate").asText()).isEqualTo(yesterday.toString());
        assertThat(rescheduled.path("exceptionNote").asText()).contains("supplier ships late");
        awaitAlert("oc-late", "OVERDUE_DELIVERY", false);
    }

    @Test
    void anOrderOnCreditTermsUnpaidPastItsDueDateIsOverdueAndOwedUntilPaid() throws Exception {
        Catalog.stock(stack, List.of("OC-C"), 5, new Ledger());
        place("oc-credit", "C-oc-credit", "CREDIT_TERMS", Map.of("dueDays", 2), null, line("OC-C", 2));
        command("oc-credit", "approve", Api.REVIEWER, Map.of());
        orders.awaitStatus("oc-credit", "APPROVED");
        command("oc-credit", "ship", Api.WAREHOUSE, Map.of("lines", List.of(Map.of("sku", "OC-C", "quantity", 2)),
                "carrier", "SF", "trackingNumber", "SF-OC-CREDIT"));
        orders.awaitStatus("oc-credit", "SHIPPED");
        // delivered five days ago by the warehouse's record: two days' credit ran out three days ago
        Instant delivered = Instant.now().minus(Duration.ofDays(5));
        command("oc-credit", "deliver", Api.WAREHOUSE, Map.of("deliveredAt", delivered.toString()));
        JsonNode order = orders.awaitStatus("oc-credit", "DELIVERED");
        assertThat(Instant.parse(order.path("paymentDueAt").asText()))
                .isEqualTo(Instant.parse(order.path("deliveredAt").asText()).plus(Duration.ofDays(2)));
        awaitAlert("oc-credit", "PAYMENT_OVERDUE", true);

        JsonNode owed = receivable("C-oc-credit");
        assertThat(owed).as("the customer's receivable").isNotNull();
        assertThat(new BigDecimal(owed.path("overdue1To30").asText())).isEqualByComparingTo("20.00");
        assertThat(new BigDecimal(owed.path("outstanding").asText())).isEqualByComparingTo("20.00");

        command("oc-credit", "pay", Api.SALES, Map.of("amount", "20.00"));
        orders.awaitField("oc-credit", "paymentStatus", "PAID");
        awaitAlert("oc-credit", "PAYMENT_OVERDUE", false);
        Poll.until(WAIT, "nothing owed once paid", () -> receivable("C-oc-credit") == null);
    }

    @Test
    void aCustomersCreditLimitRefusesAnApprovalUntilAnAdminOverridesIt() throws Exception {
        Catalog.stock(stack, List.of("OC-L"), 10, new Ledger());
        Api.Response put = api.put(stack.gatewayUrl() + "/v1/customers/C-oc-limit", Api.ADMIN, Map.of(
                "name", "限额客户", "class", "VIP", "phone", "13800138000", "paymentTerms", Map.of("dueDays", 15),
                "creditLimit", Map.of("amount", "50.00", "currency", "CNY"), "reason", "credit review"));
        assertThat(put.status()).as(put.toString()).isEqualTo(202);
        Poll.until(WAIT, "the customer record on every instance", () -> customer("C-oc-limit", 0) != null
                && customer("C-oc-limit", 1) != null);
        assertThat(customer("C-oc-limit", 1).path("phone").asText()).isEqualTo("138****8000");

        // on credit terms without its own: the customer's 15 days
        place("oc-limit-1", "C-oc-limit", "CREDIT_TERMS", null, null, line("OC-L", 3));
        JsonNode first = orders.awaitStatus("oc-limit-1", "PENDING_REVIEW");
        assertThat(first.path("paymentTerms").path("dueDays").asInt()).isEqualTo(15);
        assertThat(first.path("customer").path("class").asText()).isEqualTo("VIP");
        command("oc-limit-1", "approve", Api.REVIEWER, Map.of());
        orders.awaitStatus("oc-limit-1", "APPROVED");
        Poll.until(WAIT, "30.00 open for the customer", () -> {
            JsonNode customer = customer("C-oc-limit", 0);
            return customer != null && new BigDecimal(customer.path("openReceivables").path("amount").asText("0"))
                    .compareTo(new BigDecimal("30.00")) == 0;
        });

        // 30.00 open and 30.00 more would pass the 50.00 limit
        place("oc-limit-2", "C-oc-limit", "BANK_TRANSFER", null, null, line("OC-L", 3));
        command("oc-limit-2", "approve", Api.REVIEWER, Map.of());
        Poll.until(WAIT, "the approval over the limit refused", () -> api.get(stack.queryUrl(0)
                + "/v1/orders/oc-limit-2/refusals", Api.REVIEWER).json().toString().contains("CREDIT_LIMIT_EXCEEDED"));
        assertThat(orders.awaitStatus("oc-limit-2", "PENDING_REVIEW").path("status").asText())
                .isEqualTo("PENDING_REVIEW");

        command("oc-limit-2", "approve", Api.ADMIN, Map.of("overrideCreditLimit", true,
                "note", "deposit received by wire"));
        orders.awaitStatus("oc-limit-2", "APPROVED");
        List<JsonNode> history = orders.historyEntries("oc-limit-2");
        JsonNode entry = history.get(history.size() - 1);
        assertThat(entry.path("actor").asText()).isEqualTo("demo-admin");
        assertThat(entry.path("reason").asText()).contains("credit limit overridden: deposit received by wire");
    }

    /** The customer record as instance {@code instance} answers it (as a reviewer), or null while it has none. */
    private JsonNode customer(String id, int instance) throws Exception {
        Api.Response response = api.get(stack.queryUrl(instance) + "/v1/customers/" + id,
                instance == 0 ? Api.REVIEWER : Api.ANALYST);
        return response.status() == 200 ? response.json() : null;
    }

    private static Map<String, Object> line(String sku, int quantity) {
        return Map.of("sku", sku, "quantity", quantity, "unitPrice", "10.00");
    }

    @SafeVarargs
    private static Map<String, Object> body(String id, String customer, String payment, Map<String, Object> terms,
                                            LocalDate expected, Map<String, Object>... lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", id);
        body.put("channel", "PHONE");
        body.put("customer", Map.of("id", customer, "name", "客户 " + customer));
        body.put("paymentMethod", payment);
        if (terms != null) {
            body.put("paymentTerms", terms);
        }
        if (expected != null) {
            body.put("expectedDeliveryDate", expected.toString());
        }
        body.put("lines", List.of(lines));
        return body;
    }

    @SafeVarargs
    private void place(String id, String customer, String payment, Map<String, Object> terms, LocalDate expected,
                       Map<String, Object>... lines) throws Exception {
        Api.Response response = api.post(stack.gatewayUrl() + "/v1/orders", Api.SALES,
                body(id, customer, payment, terms, expected, lines), null);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        orders.awaitStatus(id, "PENDING_REVIEW");
    }

    private void command(String id, String command, String key, Map<String, Object> body) throws Exception {
        Api.Response response = api.post(stack.gatewayUrl() + "/v1/orders/" + id + "/" + command, key, body, null);
        assertThat(response.status()).as(command + " " + id + ": " + response).isEqualTo(202);
    }

    /** The customer's CNY row of the receivables, or null when it owes nothing. */
    private JsonNode receivable(String customer) throws Exception {
        for (JsonNode row : api.get(stack.queryUrl(1) + "/v1/reports/receivables", Api.ANALYST).json().path("items")) {
            if (row.path("customerId").asText().equals(customer) && row.path("currency").asText().equals("CNY")) {
                return row;
            }
        }
        return null;
    }

    private void awaitAlert(String id, String type, boolean active) {
        Poll.until(WAIT, type + " of " + id + (active ? " raised" : " cleared"), () -> {
            JsonNode alerts = api.get(stack.queryUrl(0) + "/v1/alerts?orderId=" + id, Api.ANALYST).json();
            return alerts.path("items").toString().contains(type) == active;
        });
    }

}
