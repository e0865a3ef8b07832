package io.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 25, end to end through HTTP only, on the shared local stack: a partly shipped order closed short (its
 * unshipped reservation back in stock, what shipped kept, delivered and completed as shipped), and a returned order
 * paid back (more than was paid refused, four eyes above the amount, the payment status and the revenue following).
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AfterApprovalIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Only this class orders these SKUs, so their stock is its own. */
    private static final String A = "AA-A";
    private static final String B = "AA-B";

    private static E2eStack stack;
    private final Api api = new Api();
    private final Orders orders = new Orders(stack);
    private final List<String> personalData = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        stack = E2eStack.shared();
    }

    @Test
    void aPartlyShippedOrderIsClosedShortAndAReturnedOrderIsPaidBack() throws Exception {
        Catalog.stock(stack, List.of(A, B), 10, new Ledger());
        closeShort();
        refund();
        PersonalData.assertNotLogged(stack.logFiles(), personalData);
    }

    private void closeShort() throws Exception {
        String id = "aa-short";
        place(id, List.of(new Ledger.Line(A, 4, new BigDecimal("10.00")), new Ledger.Line(B, 2, new BigDecimal("5.00"))));
        orders.awaitStatus(id, "PENDING_REVIEW");
        command(id, "approve", Api.REVIEWER, Map.of("note", "checked"), "approve");
        orders.awaitStatus(id, "APPROVED");
        orders.awaitStock(A, 10, 4);
        orders.awaitStock(B, 10, 2);

        command(id, "ship", Api.WAREHOUSE, Map.of("lines", List.of(Map.of("sku", A, "quantity", 3)),
                "carrier", "SF", "trackingNumber", "SF-AA-1"), "ship");
        orders.awaitStatus(id, "PARTIALLY_SHIPPED");
        orders.awaitStock(A, 7, 1);

        command(id, "close-short", Api.SALES, Map.of("reason", "the maker stopped making them"), "close");
        JsonNode order = orders.awaitStatus(id, "SHIPPED");
        orders.awaitStock(A, 7, 0);
        orders.awaitStock(B, 10, 0);
        assertThat(new BigDecimal(order.path("totalAmount").asText())).as("what shipped is owed").isEqualByComparingTo("30.00");
        assertThat(order.path("shortClosure").path("reason").asText()).isEqualTo("the maker stopped making them");
        assertThat(order.path("shortClosure").path("lines").toString()).contains(A).contains(B);

        command(id, "deliver", Api.WAREHOUSE, Map.of(), "deliver");
        orders.awaitStatus(id, "DELIVERED");
        command(id, "pay", Api.SALES, Map.of("amount", "30.00"), "pay");
        orders.awaitField(id, "paymentStatus", "PAID");
        command(id, "complete", Api.SALES, Map.of("note", "closed"), "complete");
        orders.awaitStatus(id, "COMPLETED");
        assertThat(orders.history(id)).containsExactly("PlaceOrder", "ApproveOrder", "ShipOrder", "CloseShort",
                "ConfirmDelivery", "RecordPayment", "CompleteOrder");
        awaitSales("C-" + id, 1, 3, "30.00");
    }

    private void refund() throws Exception {
        String id = "aa-refund";
        place(id, List.of(new Ledger.Line(A, 2, new BigDecimal("600.00"))));
        orders.awaitStatus(id, "PENDING_REVIEW");
        command(id, "approve", Api.REVIEWER, Map.of("note", "checked"), "approve");
        orders.awaitStatus(id, "APPROVED");
        command(id, "pay", Api.SALES, Map.of("amount", "1200.00"), "pay");
        orders.awaitField(id, "paymentStatus", "PAID");
        command(id, "ship", Api.WAREHOUSE, Map.of("lines", List.of(Map.of("sku", A, "quantity", 2)),
                "carrier", "SF", "trackingNumber", "SF-AA-2"), "ship");
        orders.awaitStatus(id, "SHIPPED");
        command(id, "deliver", Api.WAREHOUSE, Map.of(), "deliver");
        orders.awaitStatus(id, "DELIVERED");
        command(id, "request-return", Api.SALES, Map.of("reason", "one arrived broken",
                "lines", List.of(Map.of("sku", A, "quantity", 1))), "request-return");
        orders.awaitStatus(id, "RETURN_REQUESTED");
        command(id, "approve-return", Api.REVIEWER, Map.of(), "approve-return");
        orders.awaitStatus(id, "RETURN_APPROVED");
        command(id, "receive-return", Api.WAREHOUSE, Map.of(), "receive-return");
        orders.awaitStatus(id, "RETURNED_GOODS_RECEIVED");
        orders.awaitStock(A, 6, 0);

        // More than was paid: the gateway takes it, the pipeline refuses it, nothing is paid back.
        JsonNode tooMuch = command(id, "refund", Api.SALES, Map.of("amount", "1200.01", "reason", "all of it"), "r0");
        assertThat(readAfter(id, tooMuch.path("consistencyToken").asText()).path("refunds")).isEmpty();

        // Above the four-eyes amount (1000.00 by default): asked, not paid back until a second person approves.
        command(id, "refund", Api.ADMIN, Map.of("amount", "1100.00", "reason", "broken and late",
                "lines", List.of(Map.of("sku", A, "quantity", 1))), "r1");
        JsonNode[] asked = new JsonNode[1];
        Poll.until(WAIT, id + " refund waiting", () -> {
            asked[0] = order(id);
            return asked[0].path("pendingRefund").isObject();
        });
        assertThat(asked[0].path("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(asked[0].path("refunds")).isEmpty();
        assertThat(api.post(stack.gatewayUrl() + "/v1/orders/" + id + "/approve-refund", Api.SALES, Map.of(), null)
                .status()).as("sales may not decide a refund").isEqualTo(403);
        JsonNode ownApproval = command(id, "approve-refund", Api.ADMIN, Map.of(), "own");
        JsonNode unchanged = readAfter(id, ownApproval.path("consistencyToken").asText());
        assertThat(new BigDecimal(unchanged.path("pendingRefund").path("amount").asText())).as("four eyes")
                .isEqualByComparingTo("1100.00");
        assertThat(unchanged.path("refunds")).isEmpty();
        assertThat(unchanged.path("version")).isEqualTo(asked[0].path("version"));

        command(id, "approve-refund", Api.REVIEWER, Map.of("reason", "checked"), "approve-refund");
        JsonNode paidBack = orders.awaitField(id, "paymentStatus", "PARTIALLY_REFUNDED");
        assertThat(paidBack.path("pendingRefund").isNull()).isTrue();
        assertThat(paidBack.path("refunds").get(0).path("approvedBy").toString()).contains(Api.REVIEWER);

        command(id, "refund", Api.SALES, Map.of("amount", "100.00", "reason", "the rest"), "r2");
        orders.awaitField(id, "paymentStatus", "REFUNDED");
        Poll.until(WAIT, "the refunded order in the list filtered by payment status", () -> {
            JsonNode list = api.get(stack.queryUrl(1) + "/v1/orders?paymentStatus=REFUNDED&limit=500", Api.REVIEWER)
                    .json();
            return list.path("items").findValuesAsText("orderId").contains(id);
        });
        // 1200.00 counted; the return took 600.00 out, the refunds of 1200.00 take the other 600.00 out
        awaitSales("C-" + id, 1, 1, "0.00");
    }

    private void place(String id, List<Ledger.Line> lines) throws Exception {
        Ledger.Order order = new Ledger.Order(id, lines,
                "1390013" + String.format("%04d", Math.abs(id.hashCode()) % 10_000), "深圳市南山区科技园" + id + "号");
        personalData.add(order.phone);
        personalData.add(order.address);
        Api.Response response = api.post(stack.gatewayUrl() + "/v1/orders", Api.SALES, Traffic.placeBody(order), null);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }

    private JsonNode command(String id, String command, String key, Map<String, Object> body, String step)
            throws Exception {
        Api.Response response = api.post(stack.gatewayUrl() + "/v1/orders/" + id + "/" + command, key, body,
                id + "-" + step);
        assertThat(response.status()).as(command + " " + id + ": " + response).isEqualTo(202);
        return response.json();
    }

    private JsonNode readAfter(String id, String token) throws Exception {
        Api.Response response = api.get(stack.queryUrl(0) + "/v1/orders/" + id + "?after="
                + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&timeout=30s", Api.REVIEWER);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode order(String id) throws Exception {
        return api.get(stack.queryUrl(0) + "/v1/orders/" + id, Api.REVIEWER).json();
    }
    /** The customer's sales summed over the months they were booked on, on both instances. */
    private void awaitSales(String customer, long orders, long units, String revenue) {
        Poll.until(WAIT, "sales of " + customer + " at " + orders + " orders, " + units + " units, " + revenue, () -> {
            for (int instance = 0; instance < E2eStack.INSTANCES; instance++) {
                Ledger.Sales row = Recomputation.salesOf(api.get(stack.queryUrl(instance)
                        + "/v1/sales?by=customer&window=month", Api.ANALYST).json(), customer);
                if (row == null || row.orders() != orders || row.units() != units
                        || row.revenue().compareTo(new BigDecimal(revenue)) != 0) {
                    throw new AssertionError("instance " + instance + " has " + row);
                }
            }
            return true;
        });
    }
}
