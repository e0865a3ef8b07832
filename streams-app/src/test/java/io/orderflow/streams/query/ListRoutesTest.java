package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.OrderRefusals;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Product;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.Role;
import io.orderflow.avro.StockLevel;
import io.orderflow.streams.analytics.CustomerStats;
import io.orderflow.streams.analytics.CycleTimes;
import io.orderflow.streams.analytics.Fulfilment;
import io.orderflow.streams.analytics.SalesFigures;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stock, alerts, sales and reports: answered across both instances, exported, guarded. */
class ListRoutesTest {

    private final TestCluster cluster = new TestCluster();

    @BeforeEach
    void peerOwnsPartitionOne() {
        cluster.state.owners.put(1, cluster.peer);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static StockLevel level(String sku, int onHand, int reserved) {
        return StockLevel.newBuilder().setSku(sku).setOnHand(onHand).setReserved(reserved)
                .setUpdatedAt(TestCluster.NOW).build();
    }

    private static Product product(String sku, int reorderPoint) {
        return Product.newBuilder().setSku(sku).setName("Product " + sku).setCategory("tea").setReorderPoint(reorderPoint)
                .setUpdatedBy(new Actor("wang", Role.WAREHOUSE)).setUpdatedAt(TestCluster.NOW).build();
    }

    private static Alert alert(String orderId, AlertType type) {
        return Alert.newBuilder().setAlertId(type + ":" + orderId).setType(type).setState(AlertState.RAISED)
                .setOrderId(orderId).setOrderStatus(OrderStatus.APPROVED).setMessage(orderId + " is " + type)
                .setAt(TestCluster.NOW).build();
    }

    private static SalesFigures figures(long orders, long units, String revenue) {
        return new SalesFigures(orders, units, new BigDecimal(revenue));
    }

    @Test
    void shouldAnswerWhatIsHeldInFlightBesideWhatIsAvailable() {
        cluster.state.put("stock-levels-store", "SKU-A", StockLevel.newBuilder(level("SKU-A", 10, 4)).setHeld(3)
                .setWaiting(2).build());
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode stock = json(cluster.get("/v1/stock/SKU-A", "demo-warehouse"));

            assertThat(stock.get("available").asInt()).isEqualTo(6);
            assertThat(stock.get("held").asInt()).isEqualTo(3);
            assertThat(stock.get("free").asInt()).isEqualTo(3);
            assertThat(stock.get("waiting").asInt()).isEqualTo(2);
        });
    }

    @Test
    void shouldAnswerStockPerSkuWithAvailableAndReorderPoint() {
        cluster.state.put("stock-levels-store", "SKU-A", level("SKU-A", 10, 4));
        cluster.state.putGlobal("SKU-A", product("SKU-A", 8));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode stock = json(cluster.get("/v1/stock/SKU-A", "demo-warehouse"));

            assertThat(stock.get("sku").asText()).isEqualTo("SKU-A");
            assertThat(stock.get("onHand").asInt()).isEqualTo(10);
            assertThat(stock.get("reserved").asInt()).isEqualTo(4);
            assertThat(stock.get("available").asInt()).isEqualTo(6);
            assertThat(stock.get("reorderPoint").asInt()).isEqualTo(8);
            assertThat(cluster.get("/v1/stock/NOPE", "demo-warehouse").statusCode()).isEqualTo(404);
        });
    }

    @Test
    void shouldListOnlyStockUnderItsReorderPointWhenAsked() {
        cluster.state.put("stock-levels-store", "SKU-A", level("SKU-A", 10, 4));
        cluster.state.put("stock-levels-store", "SKU-B", level("SKU-B", 100, 0));
        cluster.state.putGlobal("SKU-A", product("SKU-A", 8));
        cluster.state.putGlobal("SKU-B", product("SKU-B", 8));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(json(cluster.get("/v1/stock", "demo-sales")).get("items")).hasSize(2);
            JsonNode below = json(cluster.get("/v1/stock?belowReorder=true", "demo-sales")).get("items");
            assertThat(below).hasSize(1);
            assertThat(below.get(0).get("sku").asText()).isEqualTo("SKU-A");
            assertThat(cluster.get("/v1/stock?belowReorder=maybe", "demo-sales").statusCode()).isEqualTo(400);
        });
    }

    @Test
    void shouldAnswerTheCatalogBySkuWithPricesToWhoeverEntersOrReadsOrders() {
        Product tea = product("TEA-9", 5);
        tea.setName("乌龙茶");
        tea.setUnitPrice(new BigDecimal("30.00"));
        cluster.state.putGlobal("TEA-9", tea);
        cluster.state.putGlobal("SKU-A", product("SKU-A", 8));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode items = json(cluster.get("/v1/products", "demo-sales")).get("items");

            assertThat(items.findValuesAsText("sku")).containsExactly("SKU-A", "TEA-9");
            assertThat(items.get(1).get("name").asText()).isEqualTo("乌龙茶");
            assertThat(items.get(1).get("unitPrice").decimalValue()).isEqualByComparingTo("30.00");
            assertThat(items.get(1).get("kind").asText()).isEqualTo("GOODS");
            assertThat(cluster.get("/v1/products", "demo-logistics-sf").statusCode()).isEqualTo(403);
            assertThat(cluster.get("/v1/products", null).statusCode()).isEqualTo(401);
        });
    }

    @Test
    void shouldListActiveAlertsOfEveryInstanceByType() {
        for (int i = 0; i < 6; i++) {
            Alert a = alert("O-" + i, i % 2 == 0 ? AlertType.STALLED : AlertType.OVERDUE_DELIVERY);
            cluster.state.put("alerts-active-store", a.getAlertId(), a);
        }
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(json(cluster.get("/v1/alerts", "demo-sales")).get("items")).hasSize(6);
            JsonNode stalled = json(cluster.get("/v1/alerts?type=stalled", "demo-sales")).get("items");
            assertThat(stalled).hasSize(3);
            stalled.forEach(a -> assertThat(a.get("type").asText()).isEqualTo("STALLED"));
            assertThat(cluster.get("/v1/alerts?type=LATE", "demo-sales").statusCode()).isEqualTo(400);
        });
    }

    @Test
    void shouldAskOnlyTheInstanceThatHoldsAnOrdersAlertsNotEveryInstance() {
        cluster.state.put("orders-store", "O-1",
                OrderRoutesTest.order("O-1", OrderStatus.APPROVED, TestCluster.NOW, "C1", io.orderflow.avro.Channel.ONLINE));
        Alert a = alert("O-1", AlertType.OVERDUE_DELIVERY);
        cluster.state.put("alerts-active-store", a.getAlertId(), a);
        cluster.state.alertOwners.put(InMemoryState.partitionOf("alerts-active-store", "O-1"), cluster.peer);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode order = json(cluster.get("/v1/orders/O-1", "demo-sales"));

            assertThat(order.get("alerts").findValuesAsText("type")).containsExactly("OVERDUE_DELIVERY");
            assertThat(order.get("colour").asText()).isEqualTo("red");
        });
    }

    @Test
    void shouldColourAnOrderUnderAnAlertRed() {
        cluster.state.put("orders-store", "O-1",
                OrderRoutesTest.order("O-1", OrderStatus.APPROVED, TestCluster.NOW, "C1", io.orderflow.avro.Channel.ONLINE));
        Alert a = alert("O-1", AlertType.STALLED);
        cluster.state.put("alerts-active-store", a.getAlertId(), a);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode order = json(cluster.get("/v1/orders/O-1", "demo-sales"));
            assertThat(order.get("colour").asText()).isEqualTo("red");
            assertThat(order.get("alerts").get(0).get("type").asText()).isEqualTo("STALLED");
            assertThat(json(cluster.get("/v1/orders", "demo-sales")).get("items").get(0).get("colour").asText())
                    .isEqualTo("red");
        });
    }

    private static String money(JsonNode row, String field) {
        return row.get(field).decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static Refusal refusal(String orderId, Instant at) {
        return new Refusal("c-" + orderId + "-" + at.toEpochMilli(), orderId, "APPROVE",
                new Actor("sam.sales", Role.SALES), at, "ROLE_NOT_ALLOWED", "sales may not approve", OrderStatus.APPROVED);
    }

    @Test
    void shouldColourAnOrderRedWhileARefusalIsItsLatestWordAskingEachPeerOnce() {
        List<String> refusedLast = new ArrayList<>();
        java.util.Map<Integer, Integer> seen = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            String id = "R-" + i;
            cluster.state.put("orders-store", id,
                    OrderRoutesTest.order(id, OrderStatus.APPROVED, TestCluster.NOW, "C1", io.orderflow.avro.Channel.ONLINE));
            int nth = seen.merge(InMemoryState.partitionOf("orders-store", id), 1, Integer::sum);
            if (nth == 1) { // refused after the order's last change
                cluster.state.put("order-refusals-store", id, new OrderRefusals(List.of(
                        refusal(id, TestCluster.NOW.minusSeconds(60)), refusal(id, TestCluster.NOW.plusSeconds(5)))));
                refusedLast.add(id);
            } else if (nth == 2) { // refused, then changed: the refusal is history
                cluster.state.put("order-refusals-store", id,
                        new OrderRefusals(List.of(refusal(id, TestCluster.NOW.minusSeconds(60)))));
            }
        }
        String done = "R-DONE";
        cluster.state.put("orders-store", done,
                OrderRoutesTest.order(done, OrderStatus.COMPLETED, TestCluster.NOW, "C1", io.orderflow.avro.Channel.ONLINE));
        cluster.state.put("order-refusals-store", done,
                new OrderRefusals(List.of(refusal(done, TestCluster.NOW.plusSeconds(5)))));
        assertThat(refusedLast.stream().map(id -> InMemoryState.partitionOf("orders-store", id)))
                .as("refused orders here and on the peer").contains(0, 1);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode items = json(cluster.get("/v1/orders?limit=1000", "demo-sales")).get("items");

            assertThat(items).hasSize(9);
            items.forEach(o -> assertThat(o.get("colour").asText()).as(o.get("orderId").asText())
                    .isEqualTo(done.equals(o.get("orderId").asText()) ? "green"
                            : refusedLast.contains(o.get("orderId").asText()) ? "red" : "yellow"));
            assertThat(cluster.askedOf(cluster.peer)).containsExactly("orders");

            for (int i = 0; i < 8; i++) {
                String id = "R-" + i;
                assertThat(json(cluster.get("/v1/orders/" + id, "demo-sales")).get("colour").asText()).as(id)
                        .isEqualTo(refusedLast.contains(id) ? "red" : "yellow");
            }
        });
    }

    @Test
    void shouldListOrdersWithTheirAlertsAskingEachPeerOnce() {
        List<String> alerted = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "O-" + i;
            cluster.state.put("orders-store", id,
                    OrderRoutesTest.order(id, OrderStatus.APPROVED, TestCluster.NOW, "C1", io.orderflow.avro.Channel.ONLINE));
            if (i % 4 < 2) {
                Alert a = alert(id, AlertType.STALLED);
                cluster.state.put("alerts-active-store", a.getAlertId(), a);
                alerted.add(id);
            }
        }
        assertThat(alerted.stream().map(id -> InMemoryState.partitionOf("orders-store", id)))
                .as("alerted orders here and on the peer").contains(0, 1);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode items = json(cluster.get("/v1/orders?limit=1000", "demo-sales")).get("items");

            assertThat(items).hasSize(8);
            items.forEach(o -> assertThat(o.get("colour").asText()).as(o.get("orderId").asText())
                    .isEqualTo(alerted.contains(o.get("orderId").asText()) ? "red" : "yellow"));
            assertThat(cluster.askedOf(cluster.peer)).containsExactly("orders");

            String csv = text(cluster.get("/v1/orders?format=csv", "demo-sales"));
            assertThat(csv.split("\r\n")).hasSize(9);
            assertThat(cluster.askedOf(cluster.peer)).containsExactly("orders", "orders");
        });
    }

    @Test
    void shouldSumRollingSalesOverTheWindowAskedFor() {
        cluster.state.putWindow("sales-rolling-minute", "channel|ONLINE", TestCluster.NOW.minus(Duration.ofMinutes(5)),
                figures(2, 3, "30.00"));
        cluster.state.putWindow("sales-rolling-minute", "channel|ONLINE", TestCluster.NOW.minus(Duration.ofMinutes(50)),
                figures(1, 1, "5.50"));
        cluster.state.putWindow("sales-rolling-minute", "channel|ONLINE", TestCluster.NOW.minus(Duration.ofMinutes(70)),
                figures(9, 9, "99.00"));
        cluster.state.putWindow("sales-rolling-minute", "channel|PHONE", TestCluster.NOW.minus(Duration.ofMinutes(1)),
                figures(1, 2, "100.00"));
        cluster.state.putWindow("sales-rolling-minute", "total|all", TestCluster.NOW.minus(Duration.ofMinutes(1)),
                figures(4, 6, "135.50"));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode rows = json(cluster.get("/v1/sales?by=channel&window=1h", "demo-analyst")).get("items");

            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("key").asText()).isEqualTo("PHONE");
            assertThat(rows.get(1).get("key").asText()).isEqualTo("ONLINE");
            assertThat(rows.get(1).get("orders").asLong()).isEqualTo(3);
            assertThat(rows.get(1).get("revenue").decimalValue()).isEqualByComparingTo("35.50");
            assertThat(rows.get(1).get("averageOrderValue").decimalValue()).isEqualByComparingTo("11.83");
            JsonNode total = json(cluster.get("/v1/sales?by=total&window=1h", "demo-analyst")).get("items");
            assertThat(total.get(0).get("revenue").decimalValue()).isEqualByComparingTo("135.50");
            assertThat(cluster.get("/v1/sales?by=colour", "demo-analyst").statusCode()).isEqualTo(400);
            assertThat(cluster.get("/v1/sales?window=2h", "demo-analyst").statusCode()).isEqualTo(400);
            assertThat(cluster.get("/v1/sales", "demo-warehouse").statusCode()).isEqualTo(403);
        });
    }

    @Test
    void shouldAnswerDailyAndMonthlySalesPerPeriod() {
        cluster.state.put("sales-daily", "category|tea|2026-11-21", figures(1, 2, "20.00"));
        cluster.state.put("sales-daily", "category|tea|2026-11-22", figures(2, 2, "40.00"));
        cluster.state.put("sales-monthly", "customer|C1|2026-11", figures(3, 4, "60.00"));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode days = json(cluster.get("/v1/sales?by=category&window=day", "demo-analyst")).get("items");
            assertThat(days).hasSize(2);
            assertThat(days.get(0).get("period").asText()).isEqualTo("2026-11-22");
            JsonNode one = json(cluster.get("/v1/sales?by=category&window=day&date=2026-11-21", "demo-analyst")).get("items");
            assertThat(one).hasSize(1);
            JsonNode months = json(cluster.get("/v1/sales?by=customer&window=month&month=2026-11", "demo-analyst")).get("items");
            assertThat(months.get(0).get("key").asText()).isEqualTo("C1");
            assertThat(months.get(0).get("units").asLong()).isEqualTo(4);
        });
    }

    @Test
    void shouldKeepEveryFigureInItsCurrencyNeverAddingOneToAnother() {
        // written per currency, and a key of a release before currencies, read as CNY
        cluster.state.put("sales-daily", "total|all|CNY|2026-11-22", figures(2, 3, "300.00"));
        cluster.state.put("sales-daily", "total|all|USD|2026-11-22", figures(1, 1, "40.00"));
        cluster.state.put("sales-daily", "total|all|2026-11-22", figures(1, 1, "5.00"));
        cluster.state.put("report-monthly-by-customer", "2026-11|C1|USD", figures(1, 1, "40.00"));
        cluster.state.put("report-monthly-by-customer", "2026-11|C1|CNY", figures(2, 3, "300.00"));
        cluster.state.put("report-customers", "C1|USD", new CustomerStats(figures(1, 1, "40.00"), null, null));
        cluster.state.put("report-customers", "C1|CNY", new CustomerStats(figures(2, 3, "300.00"), null, null));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode days = json(cluster.get("/v1/sales?by=total&window=day", "demo-analyst")).get("items");
            List<String> rows = new ArrayList<>();
            days.forEach(r -> rows.add(r.get("currency").asText() + " " + r.get("orders").asLong() + " "
                    + money(r, "revenue")));
            assertThat(rows).containsExactly("CNY 3 305.00", "USD 1 40.00");
            JsonNode monthly = json(cluster.get("/v1/reports/monthly?month=2026-11&by=customer", "demo-analyst"))
                    .get("items");
            assertThat(monthly).hasSize(2);
            assertThat(monthly.findValuesAsText("currency")).containsExactly("CNY", "USD");
            assertThat(monthly.findValuesAsText("key")).containsExactly("C1", "C1");
            JsonNode customers = json(cluster.get("/v1/reports/customers", "demo-analyst")).get("items");
            assertThat(customers.findValuesAsText("currency")).containsExactly("CNY", "USD");
            assertThat(customers.findValuesAsText("customerId")).containsExactly("C1", "C1");
            assertThat(text(cluster.get("/v1/sales?by=total&window=day&format=csv", "demo-analyst")))
                    .contains("total,all,2026-11-22,3,4,305.00,CNY").contains("total,all,2026-11-22,1,1,40.00,USD");
        });
    }

    @Test
    void shouldAnswerTheReports() {
        cluster.state.put("report-monthly-by-customer", "2026-11|C1", figures(2, 3, "50.00"));
        cluster.state.put("report-monthly-by-customer", "2026-10|C1", figures(1, 1, "10.00"));
        cluster.state.put("report-monthly-by-category", "2026-11|tea", figures(2, 3, "50.00"));
        cluster.state.put("report-fulfilment", "2026-11|channel|ONLINE", new Fulfilment(4, 3));
        cluster.state.put("report-fulfilment", "2026-11|carrier|SF", new Fulfilment(2, 2));
        // VIP by revenue under the default thresholds (10 orders or 10000.00), a class worked out when asked.
        cluster.state.put("report-customers", "C1", new CustomerStats(figures(3, 4, "12000.00"),
                LocalDate.ofInstant(TestCluster.NOW, ZoneOffset.UTC), LocalDate.ofInstant(TestCluster.NOW, ZoneOffset.UTC)));
        cluster.state.put("report-cycle-times", "2026-11|order-to-approval",
                new CycleTimes(0, 0, new TreeMap<>()).add(60_000).add(120_000));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode monthly = json(cluster.get("/v1/reports/monthly?month=2026-11", "demo-analyst")).get("items");
            assertThat(monthly).hasSize(2);
            assertThat(monthly.findValuesAsText("dimension")).containsExactly("category", "customer");
            JsonNode channel = json(cluster.get("/v1/reports/fulfilment?month=2026-11&by=channel", "demo-analyst")).get("items");
            assertThat(channel).hasSize(1);
            assertThat(channel.get(0).get("rate").decimalValue()).isEqualByComparingTo("0.75");
            JsonNode customers = json(cluster.get("/v1/reports/customers", "demo-analyst")).get("items");
            assertThat(customers.get(0).get("customerClass").asText()).isEqualTo("VIP");
            assertThat(customers.get(0).get("repeat").asBoolean()).isTrue();
            JsonNode cycle = json(cluster.get("/v1/reports/cycle-times", "demo-analyst")).get("items");
            assertThat(cycle.get(0).get("count").asLong()).isEqualTo(2);
            assertThat(cycle.get(0).get("meanMillis").asLong()).isEqualTo(90_000);
            assertThat(cluster.get("/v1/reports/monthly?month=11-2026", "demo-analyst").statusCode()).isEqualTo(400);
            assertThat(cluster.get("/v1/reports/fulfilment?by=region", "demo-analyst").statusCode()).isEqualTo(400);
        });
    }

    @Test
    void shouldExportEveryListAndReportAsCsvAndXlsx() {
        cluster.state.put("stock-levels-store", "SKU-A", level("SKU-A", 10, 4));
        cluster.state.put("report-customers", "张三公司", new CustomerStats(figures(3, 4, "60.00"), null, null));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            List<String> paths = List.of("/v1/orders", "/v1/stock", "/v1/stock?belowReorder=true", "/v1/alerts",
                    "/v1/sales?by=channel&window=24h", "/v1/reports/monthly", "/v1/reports/fulfilment",
                    "/v1/reports/customers", "/v1/reports/cycle-times", "/v1/reports/cancellations");
            for (String path : paths) {
                String sep = path.contains("?") ? "&" : "?";
                HttpResponse<byte[]> csv = cluster.get(path + sep + "format=csv", "demo-admin");
                assertThat(csv.statusCode()).as(path).isEqualTo(200);
                assertThat(text(csv)).as(path).startsWith("\uFEFF");
                HttpResponse<byte[]> xlsx = cluster.get(path + sep + "format=xlsx", "demo-admin");
                assertThat(xlsx.statusCode()).as(path).isEqualTo(200);
                assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow()).as(path).contains(".xlsx");
                assertThat(new String(xlsx.body(), 0, 2)).as(path).isEqualTo("PK");
            }
            assertThat(text(cluster.get("/v1/reports/customers?format=csv", "demo-admin"))).contains("张三公司,3,4,60.00");
            assertThat(Workbooks.cells(cluster.get("/v1/stock?format=xlsx", "demo-admin").body()))
                    .contains("sku", "available", "SKU-A", "6");
            List<String> headers = new ArrayList<>(List.of(text(cluster.get("/v1/stock", "demo-admin",
                    java.util.Map.of("Accept", "text/csv"))).split("\r\n")));
            assertThat(headers.get(0)).isEqualTo("\uFEFFsku,onHand,reserved,available,reorderPoint,held,free,waiting");
        });
    }
}
