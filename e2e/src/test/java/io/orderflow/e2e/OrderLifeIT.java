package io.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7, end to end through HTTP only, on the real local stack: an order's whole life from placement to
 * completion as the gateway takes the commands and the query API shows them; refusals; backorder and allocation;
 * an alert raised and cleared; aggregates moving; exports read back and compared with the JSON.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OrderLifeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Only this class orders through the DISTRIBUTOR channel and these SKUs, so their figures are its own. */
    private static final String CHANNEL = "DISTRIBUTOR";
    private static final String STOCKED = "OL-A";
    private static final String SCARCE = "OL-B";

    private static E2eStack stack;
    private final Api api = new Api();
    private final Orders orders = new Orders(stack);
    private final List<String> personalData = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        stack = E2eStack.shared();
    }

    @Test
    void anOrderLivesFromPlacementToCompletionThroughHttpOnly() throws Exception {
        Ledger opening = new Ledger();
        Catalog.stock(stack, List.of(STOCKED), 10, opening);
        Catalog.stock(stack, List.of(SCARCE), 1, opening);

        // Placed by sales, seen as PENDING_REVIEW with its computed amounts, in yellow.
        String id = "ol-life";
        JsonNode placed = place(id, STOCKED, 2, "12.50");
        assertThat(placed.path("orderId").asText()).isEqualTo(id);
        assertThat(placed.path("consistencyToken").asText()).startsWith("order-commands:");
        JsonNode order = orders.awaitStatus(id, "PENDING_REVIEW");
        assertThat(new BigDecimal(order.path("totalAmount").asText())).isEqualByComparingTo("25.00");
        assertThat(order.path("colour").asText()).isEqualTo("yellow");
        assertThat(order.path("createdBy").toString()).contains("demo-sales");

        // The reviewer approves: stock reserved.
        command(id, "approve", Api.REVIEWER, Map.of("note", "checked"));
        order = orders.awaitStatus(id, "APPROVED");
        assertThat(order.path("reviewer").toString()).contains("demo-reviewer");
        orders.awaitStock(STOCKED, 10, 2);

        command(id, "pay", Api.SALES, Map.of("amount", "25.00", "method", "BANK_TRANSFER"));
        orders.awaitField(id, "paymentStatus", "PAID");

        // The warehouse ships everything with SF: the reservation becomes a deduction.
        command(id, "ship", Api.WAREHOUSE, Map.of("lines", List.of(Map.of("sku", STOCKED, "quantity", 2)),
                "carrier", "SF", "trackingNumber", "SF-OL-1"));
        order = orders.awaitStatus(id, "SHIPPED");
        assertThat(order.path("shipments").toString()).contains("SF-OL-1");
        orders.awaitStock(STOCKED, 8, 0);

        // The carrier's signed scans: in transit, then delivered.
        assertThat(scan("SF-OL-1", "IN_TRANSIT", "sf-ol-1").status()).isEqualTo(202);
        orders.awaitStatus(id, "IN_TRANSIT");
        assertThat(scan("SF-OL-1", "DELIVERED", "sf-ol-2").status()).isEqualTo(202);
        orders.awaitStatus(id, "DELIVERED");

        command(id, "complete", Api.SALES, Map.of("note", "closed"));
        order = orders.awaitStatus(id, "COMPLETED");
        assertThat(order.path("colour").asText()).isEqualTo("green");

        List<String> actions = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (JsonNode entry : api.get(stack.queryUrl(1) + "/v1/orders/" + id + "/history", Api.REVIEWER).json()
                .path("items")) {
            actions.add(entry.path("action").asText());
            statuses.add(entry.path("toStatus").asText());
        }
        assertThat(actions).containsExactly("PlaceOrder", "ApproveOrder", "RecordPayment", "ShipOrder",
                "TrackingScan", "TrackingScan", "CompleteOrder");
        assertThat(statuses).containsExactly("PENDING_REVIEW", "APPROVED", "APPROVED", "SHIPPED", "IN_TRANSIT",
                "DELIVERED", "COMPLETED");

        refusals(id);
        backorderAndAllocation();
        alertRaisedAndCleared();
        aggregatesAndExports();

        PersonalData.assertNotLogged(stack.logFiles(), personalData);
    }

    /** A role not allowed is a 403 at the gateway; an illegal transition or four-eyes breach changes nothing. */
    private void refusals(String completedId) throws Exception {
        Api.Response wrongRole = api.post(stack.gatewayUrl() + "/v1/orders/" + completedId + "/approve",
                Api.WAREHOUSE, Map.of(), null);
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(wrongRole.json().path("status").asInt()).isEqualTo(403);
        assertThat(wrongRole.json().path("message").asText()).isNotBlank();
        Api.Response analystPlaces = api.post(stack.gatewayUrl() + "/v1/orders", Api.ANALYST,
                Traffic.placeBody(order("ol-never", STOCKED, 1, "1.00")), null);
        assertThat(analystPlaces.status()).isEqualTo(403);
        Api.Response badSignature = api.postSignedScan(stack.gatewayUrl() + "/v1/tracking", Api.LOGISTICS_SF,
                "not-the-secret", scanBody("SF-OL-1", "DELIVERED", "sf-ol-bad"));
        assertThat(badSignature.status()).isEqualTo(401);

        // Shipping an order still under review: accepted by the gateway, refused by the pipeline, order unchanged.
        String id = "ol-refused";
        place(id, STOCKED, 1, "3.00");
        JsonNode before = orders.awaitStatus(id, "PENDING_REVIEW");
        JsonNode shipped = command(id, "ship", Api.WAREHOUSE, Map.of("lines", List.of(Map.of("sku", STOCKED,
                "quantity", 1)), "carrier", "SF", "trackingNumber", "SF-OL-2"));
        JsonNode after = readAfter(id, shipped.path("consistencyToken").asText());
        assertThat(after.path("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(after.path("version")).isEqualTo(before.path("version"));

        // Four eyes: the admin who placed an order may not approve it.
        String own = "ol-own";
        Map<String, Object> body = Traffic.placeBody(order(own, STOCKED, 1, "3.00"));
        assertThat(api.post(stack.gatewayUrl() + "/v1/orders", Api.ADMIN, body, null).status()).isEqualTo(202);
        orders.awaitStatus(own, "PENDING_REVIEW");
        JsonNode approved = command(own, "approve", Api.ADMIN, Map.of());
        assertThat(readAfter(own, approved.path("consistencyToken").asText()).path("status").asText())
                .isEqualTo("PENDING_REVIEW");
        assertThat(orders.history(own)).containsExactly("PlaceOrder");
    }

    /** More than the stock: the order waits in AWAITING_STOCK; a receipt allocates it. */
    private void backorderAndAllocation() throws Exception {
        String id = "ol-backorder";
        place(id, SCARCE, 3, "7.00");
        orders.awaitStatus(id, "PENDING_REVIEW");
        command(id, "approve", Api.REVIEWER, Map.of());
        JsonNode waiting = orders.awaitStatus(id, "AWAITING_STOCK");
        assertThat(waiting.path("colour").asText()).isNotEqualTo("green");
        orders.awaitStock(SCARCE, 1, 0);

        Api.Response receipt = api.post(stack.gatewayUrl() + "/v1/stock/" + SCARCE + "/receipts", Api.WAREHOUSE,
                Map.of("quantity", 5, "reference", "po-ol-b"), "po-ol-b");
        assertThat(receipt.status()).isEqualTo(202);
        orders.awaitStatus(id, "APPROVED");
        orders.awaitStock(SCARCE, 6, 3);
    }

    /** An order left under review past the (shortened) threshold raises STALLED; approving it clears the alert. */
    private void alertRaisedAndCleared() throws Exception {
        String id = "ol-stalled";
        place(id, STOCKED, 1, "4.00");
        Poll.until(WAIT, "a STALLED alert on " + id, () -> {
            JsonNode alerts = api.get(stack.queryUrl(0) + "/v1/alerts?orderId=" + id, Api.ANALYST).json();
            return alerts.path("items").toString().contains("STALLED");
        });
        JsonNode order = api.get(stack.queryUrl(1) + "/v1/orders/" + id, Api.ANALYST).json();
        assertThat(order.path("alerts").toString()).contains("STALLED");
        assertThat(order.path("colour").asText()).isEqualTo("red");

        command(id, "approve", Api.REVIEWER, Map.of());
        orders.awaitStatus(id, "APPROVED");
        Poll.until(WAIT, "the STALLED alert on " + id + " cleared", () -> {
            JsonNode alerts = api.get(stack.queryUrl(1) + "/v1/alerts?orderId=" + id, Api.ANALYST).json();
            return alerts.path("items").isArray() && alerts.path("items").isEmpty();
        });
    }

    /**
     * Sales of the DISTRIBUTOR channel and of the SKUs of this class equal what this class approved; a new approval
     * moves them; the order list and the sales report read back from CSV and XLSX equal their JSON.
     */
    private void aggregatesAndExports() throws Exception {
        // Approved here so far (none cancelled): ol-life 2 x 12.50, ol-backorder 3 x 7.00, ol-stalled 1 x 4.00.
        awaitSales("channel", CHANNEL, 3, 6, "50.00");
        awaitSales("product", STOCKED, 2, 3, "29.00");
        String id = "ol-more";
        place(id, STOCKED, 4, "2.25");
        orders.awaitStatus(id, "PENDING_REVIEW");
        command(id, "approve", Api.REVIEWER, Map.of());
        awaitSales("channel", CHANNEL, 4, 10, "59.00");
        awaitSales("product", STOCKED, 3, 7, "38.00");

        String customer = "C-ol";
        String list = stack.queryUrl(0) + "/v1/orders?customer=" + customer;
        JsonNode json = api.get(list, Api.REVIEWER).json();
        assertThat(json.path("items")).hasSize(5);
        compareExport(json, api.get(list + "&format=csv", Api.REVIEWER), false, "orderId", "status", "channel",
                "totalAmount", "phone");
        compareExport(json, api.get(list + "&format=xlsx", Api.REVIEWER), true, "orderId", "status", "channel",
                "totalAmount", "phone");

        String report = stack.queryUrl(1) + "/v1/sales?by=channel&window=month";
        JsonNode sales = api.get(report, Api.ANALYST).json();
        compareExport(sales, api.get(report + "&format=csv", Api.ANALYST), false, "key", "orders", "units", "revenue");
        compareExport(sales, api.get(report + "&format=xlsx", Api.ANALYST), true, "key", "orders", "units",
                "revenue");
    }

    /** The export's rows, under its header row, equal the JSON items in the given columns, in the same order. */
    private static void compareExport(JsonNode json, Api.Response export, boolean xlsx, String... columns)
            throws Exception {
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.header("Content-Disposition").orElse("")).contains(xlsx ? ".xlsx" : ".csv");
        List<List<String>> rows = xlsx ? Sheets.xlsx(export.body()) : Sheets.csv(export.body());
        List<String> header = rows.get(0);
        List<Map<String, String>> fromExport = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (String column : columns) {
                int index = header.indexOf(column);
                assertThat(index).as("column " + column + " in " + header).isNotNegative();
                cells.put(column, normal(index < row.size() ? row.get(index) : ""));
            }
            fromExport.add(cells);
        }
        List<Map<String, String>> fromJson = new ArrayList<>();
        for (JsonNode item : json.path("items")) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (String column : columns) {
                JsonNode value = column.equals("phone") ? item.path("customer").path("phone") : item.path(column);
                cells.put(column, normal(value.isMissingNode() || value.isNull() ? "" : value.asText()));
            }
            fromJson.add(cells);
        }
        assertThat(fromExport).as((xlsx ? "XLSX" : "CSV") + " export").isNotEmpty().isEqualTo(fromJson);
    }

    /** Numbers compared by value (an XLSX cell holds 25 where the JSON says "25.00"). */
    private static String normal(String value) {
        try {
            return new BigDecimal(value).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }

    private void awaitSales(String by, String key, long orders, long units, String revenue) {
        Poll.until(WAIT, "sales by " + by + " of " + key + " at " + orders + " orders", () -> {
            for (int instance = 0; instance < E2eStack.INSTANCES; instance++) {
                Ledger.Sales row = Recomputation.salesOf(api.get(stack.queryUrl(instance) + "/v1/sales?by=" + by
                        + "&window=month", Api.ANALYST).json(), key);
                if (row == null || row.orders() != orders || row.units() != units
                        || row.revenue().compareTo(new BigDecimal(revenue)) != 0) {
                    throw new AssertionError("instance " + instance + " has " + row);
                }
            }
            return true;
        });
    }

    private Ledger.Order order(String id, String sku, int quantity, String price) {
        Ledger.Order order = new Ledger.Order(id, List.of(new Ledger.Line(sku, quantity, new BigDecimal(price))),
                "1380013" + String.format("%04d", Math.abs(id.hashCode()) % 10_000), "广州市天河区体育西路" + id + "号");
        personalData.add(order.phone);
        personalData.add(order.address);
        return order;
    }

    private JsonNode place(String id, String sku, int quantity, String price) throws Exception {
        Map<String, Object> body = Traffic.placeBody(order(id, sku, quantity, price));
        body.put("channel", CHANNEL);
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) body.get("customer");
        customer.put("id", "C-ol");
        Api.Response response = api.post(stack.gatewayUrl() + "/v1/orders", Api.SALES, body, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json();
    }

    private JsonNode command(String id, String command, String key, Map<String, Object> body) throws Exception {
        Api.Response response = api.post(stack.gatewayUrl() + "/v1/orders/" + id + "/" + command, key, body,
                id + "-" + command + "-" + key);
        assertThat(response.status()).as(command + " " + id + ": " + response).isEqualTo(202);
        return response.json();
    }

    private Api.Response scan(String trackingNumber, String status, String eventId) throws Exception {
        return api.postSignedScan(stack.gatewayUrl() + "/v1/tracking", Api.LOGISTICS_SF, Api.SF_WEBHOOK_SECRET,
                scanBody(trackingNumber, status, eventId));
    }

    private static Map<String, Object> scanBody(String trackingNumber, String status, String eventId) {
        return Map.of("carrier", "SF", "trackingNumber", trackingNumber, "status", status,
                "at", Instant.now().toString(), "location", "Shenzhen", "eventId", eventId);
    }

    /** The order as seen once the command of {@code token} has been processed (read your writes). */
    private JsonNode readAfter(String id, String token) throws Exception {
        Api.Response response = api.get(stack.queryUrl(0) + "/v1/orders/" + id + "?after="
                + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&timeout=30s", Api.REVIEWER);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
