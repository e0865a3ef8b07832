package io.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 26, end to end through HTTP only: a shop's ledger with Chinese headers and mixed statuses imported by an
 * administrator comes in in its statuses, with the stock effects each status has (nothing shipped deducted again,
 * an approved order's lines reserved, or waiting when the stock is not there), progress on the status URL, a
 * repeated upload writing nothing twice, and any other key refused.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LedgerImportIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Only this class uses these SKUs and order ids, so their figures are its own. */
    private static final String STOCKED = "LI-A";
    private static final String SCARCE = "LI-B";
    private static final String ARCHIVED_SKU = "LI-C";
    private static final String LEDGER = """
            订单编号,下单日期,渠道,客户编号,客户名称,商品编号,数量,单价,已发货数量,订单状态,审核人,审核时间,物流信息,实际交付日期,付款状态,已付款,负责人,创建人,创建时间
            li-1,2025-03-01,线上,C-1,上海茶行,LI-A,3,12.50,3,已送达,wu.reviewer,2025-03-01 10:00,顺丰 SF-LI-1,2025-03-04,已付款,,李销售,lin.sales,2025-03-01 09:00
            li-2,2025-03-02,电话,C-2,北京茶社,LI-A,2,12.50,0,已审核,wu.reviewer,2025-03-02 10:00,,,未付款,,李销售,lin.sales,2025-03-02 09:00
            li-3,2025-03-03,线下,C-3,广州茶庄,LI-B,5,8.00,,已审核,wu.reviewer,2025-03-03 10:00,,,部分付款,10.00,,lin.sales,2025-03-03 09:00
            li-4,2025-03-04,线下,C-3,广州茶庄,LI-A,1,12.50,,待审核,,,,,,,,lin.sales,2025-03-04 09:00
            li-5,2025-03-05,线下,C-3,广州茶庄,LI-A,1,12.50,,退货申请中,,,,,,,,lin.sales,2025-03-05 09:00
            """;

    private static E2eStack stack;
    private final Api api = new Api();
    private final Orders orders = new Orders(stack);

    @BeforeAll
    static void startStack() {
        stack = E2eStack.shared();
    }

    @Test
    void aLedgerComesInInItsStatusesWithTheirStockEffects() throws Exception {
        Ledger opening = new Ledger();
        Catalog.stock(stack, List.of(STOCKED), 10, opening);
        Catalog.stock(stack, List.of(SCARCE), 1, opening);
        byte[] file = LEDGER.getBytes(StandardCharsets.UTF_8);
        String url = stack.gatewayUrl() + "/v1/imports/orders?name=ledger-import-it.csv";

        Api.Response sales = api.postFile(url, Api.SALES, "text/csv", file);
        assertThat(sales.status()).as(sales.toString()).isEqualTo(403);

        Api.Response admin = api.postFile(url, Api.ADMIN, "text/csv", file);
        assertThat(admin.status()).as(admin.toString()).isEqualTo(202);
        assertThat(admin.json().path("problems")).singleElement().satisfies(problem -> {
            assertThat(problem.path("line").asInt()).isEqualTo(6);
            assertThat(problem.path("column").asText()).isEqualTo("订单状态");
        });
        String status = stack.gatewayUrl() + admin.header("Location").orElseThrow();
        awaitDone(status, 4);

        JsonNode delivered = orders.awaitStatus("li-1", "DELIVERED");
        assertThat(delivered.path("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(delivered.path("shipments").toString()).contains("SF-LI-1");
        assertThat(orders.history("li-1")).containsExactly("ImportOrder");
        orders.awaitStatus("li-2", "APPROVED");
        JsonNode waiting = orders.awaitStatus("li-3", "AWAITING_STOCK");
        assertThat(new BigDecimal(waiting.path("paidAmount").asText())).isEqualByComparingTo("10.00");
        orders.awaitStatus("li-4", "PENDING_REVIEW");
        // li-1's three units left before the import: only li-2's two are reserved
        orders.awaitStock(STOCKED, 10, 2);
        orders.awaitStock(SCARCE, 1, 0);

        Api.Response again = api.postFile(url, Api.ADMIN, "text/csv", file);
        assertThat(again.status()).isEqualTo(202);
        awaitDone(stack.gatewayUrl() + again.header("Location").orElseThrow(), 4);
        assertThat(orders.history("li-2")).containsExactly("ImportOrder");
        orders.awaitStock(STOCKED, 10, 2);

        // the waiting order is served when stock arrives, as an approved order would be
        Api.Response receipt = api.post(stack.gatewayUrl() + "/v1/stock/" + SCARCE + "/receipts", Api.WAREHOUSE,
                java.util.Map.of("quantity", 4, "reference", "li-restock"), "li-restock");
        assertThat(receipt.status()).isEqualTo(202);
        orders.awaitStatus("li-3", "APPROVED");
        orders.awaitStock(SCARCE, 5, 5);
    }

    /**
     * A ledger's order completed and paid in March 2025 is past its retention (the end of April 2025) when it comes
     * in: the monthly archive takes it from the live orders at its next look, and it stays readable by id, marked
     * archived, and under its month in the archive; a command for it is refused.
     */
    @Test
    void aFinishedLedgerOrderPastRetentionIsArchivedAndStaysReadable() throws Exception {
        Catalog.stock(stack, List.of(ARCHIVED_SKU), 10, new Ledger());
        byte[] file = """
                订单编号,下单日期,渠道,客户编号,客户名称,商品编号,数量,单价,订单状态,审核人,审核时间,物流信息,实际交付日期,付款状态,已付款,创建人,创建时间,更新时间
                li-archived-1,2025-03-01,线上,C-9,杭州茶楼,LI-C,2,12.50,已完成,wu.reviewer,2025-03-01 10:00,顺丰 SF-LIA-1,2025-03-04,已付款,,lin.sales,2025-03-01 09:00,2025-03-10 10:00
                """.getBytes(StandardCharsets.UTF_8);
        Api.Response admin = api.postFile(stack.gatewayUrl() + "/v1/imports/orders?name=ledger-archive-it.csv",
                Api.ADMIN, "text/csv", file);
        assertThat(admin.status()).as(admin.toString()).isEqualTo(202);
        awaitDone(stack.gatewayUrl() + admin.header("Location").orElseThrow(), 1);

        String query = stack.queryUrl(0);
        Poll.until(WAIT, "li-archived-1 archived", () -> {
            JsonNode order = api.get(query + "/v1/orders/li-archived-1", Api.ADMIN).json();
            if (!order.path("archived").asBoolean()) {
                throw new AssertionError(order.toString());
            }
            assertThat(order.path("status").asText()).isEqualTo("COMPLETED");
            return true;
        });
        JsonNode month = api.get(query + "/v1/archive?month=2025-03", Api.ADMIN).json();
        assertThat(month.path("items").findValuesAsText("orderId")).contains("li-archived-1");
        JsonNode live = api.get(query + "/v1/orders?customer=C-9", Api.ADMIN).json();
        assertThat(live.path("items").findValuesAsText("orderId")).doesNotContain("li-archived-1");

        Api.Response again = api.post(stack.gatewayUrl() + "/v1/orders/li-archived-1/complete", Api.SALES,
                java.util.Map.of("note", "after the archive"), "li-archived-complete");
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        Poll.until(WAIT, "li-archived-1's command refused", () -> {
            JsonNode refusals = api.get(query + "/v1/orders/li-archived-1/refusals", Api.ADMIN).json();
            assertThat(refusals.path("items").findValuesAsText("code")).contains("ORDER_ARCHIVED");
            return true;
        });
    }

    private void awaitDone(String statusUrl, int written) {
        Poll.until(WAIT, "import done at " + statusUrl, () -> {
            JsonNode report = api.get(statusUrl, Api.ADMIN).json();
            if (!report.path("status").asText().equals("DONE")) {
                throw new AssertionError(report.toString());
            }
            assertThat(report.path("ordersWritten").asInt()).as(report.toString()).isEqualTo(written);
            assertThat(report.path("rowsDone").asInt()).isEqualTo(report.path("rowsTotal").asInt());
            return true;
        });
    }

}
