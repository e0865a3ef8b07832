package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.streams.analytics.CustomerStats;
import io.orderflow.streams.analytics.CycleTimes;
import io.orderflow.streams.analytics.Fulfilment;
import io.orderflow.streams.analytics.SalesFigures;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics stores keep a part of a key's figures in every partition of {@code order-events}
 * (the part its orders make): the same key in partition 0 (here) and partition 1 (the peer) is one
 * row of the answer, its figures the sum of the parts, what follows from them (average, rate,
 * class, mean and percentiles) worked out from the sum, and the rows sorted by the sums.
 */
class SummedPartsRoutesTest {

    /** Two rows per partition and page: the parts arrive over several pages from both instances. */
    private static final int PAGE = 2;

    private final TestCluster cluster = new TestCluster(PAGE);

    @BeforeEach
    void peerOwnsPartitionOne() {
        cluster.state.owners.put(1, cluster.peer);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static SalesFigures figures(long orders, long units, String revenue) {
        return new SalesFigures(orders, units, new BigDecimal(revenue));
    }

    @Test
    void shouldAnswerOneRowPerKeyAndPeriodWithTheSumOfItsPartsSortedByTheSum() {
        // tea's parts (40.00 and 20.00) each sell less than silk (50.00); together they sell more.
        cluster.state.putIn("sales-daily", 0, "category|tea|2026-11-21", figures(1, 2, "20.00"));
        cluster.state.putIn("sales-daily", 1, "category|tea|2026-11-21", figures(2, 3, "40.00"));
        cluster.state.putIn("sales-daily", 0, "category|silk|2026-11-21", figures(2, 2, "50.00"));
        cluster.state.putIn("sales-daily", 1, "category|tea|2026-11-22", figures(1, 1, "7.00"));
        Instant bucket = TestCluster.NOW.minus(Duration.ofMinutes(5));
        cluster.state.putWindowIn("sales-rolling-minute", 0, "channel|ONLINE", bucket, figures(1, 1, "10.00"));
        cluster.state.putWindowIn("sales-rolling-minute", 1, "channel|ONLINE", bucket, figures(2, 2, "25.00"));
        cluster.state.putWindowIn("sales-rolling-minute", 1, "channel|ONLINE", bucket.minus(Duration.ofMinutes(9)),
                figures(-1, -1, "-10.00"));
        cluster.state.putWindowIn("sales-rolling-minute", 0, "channel|PHONE", bucket, figures(1, 1, "20.00"));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode days = json(cluster.get("/v1/sales?by=category&window=day", "demo-analyst")).get("items");

            assertThat(days).hasSize(3);
            assertThat(days.findValuesAsText("period")).containsExactly("2026-11-22", "2026-11-21", "2026-11-21");
            assertThat(days.findValuesAsText("key")).containsExactly("tea", "tea", "silk");
            JsonNode tea = days.get(1);
            assertThat(tea.get("orders").asLong()).isEqualTo(3);
            assertThat(tea.get("units").asLong()).isEqualTo(5);
            assertThat(tea.get("revenue").decimalValue()).isEqualByComparingTo("60.00");
            assertThat(tea.get("averageOrderValue").decimalValue()).isEqualByComparingTo("20.00");

            JsonNode hour = json(cluster.get("/v1/sales?by=channel&window=1h", "demo-analyst")).get("items");
            assertThat(hour.findValuesAsText("key")).containsExactly("ONLINE", "PHONE");
            assertThat(hour.get(0).get("orders").asLong()).isEqualTo(2);
            assertThat(hour.get(0).get("revenue").decimalValue()).isEqualByComparingTo("25.00");
            assertThat(hour.get(0).get("averageOrderValue").decimalValue()).isEqualByComparingTo("12.50");
        });
    }

    @Test
    void shouldSumTheMonthlyAndFulfilmentReportsAndWorkOutTheRateFromTheSums() {
        cluster.state.putIn("report-monthly-by-customer", 0, "2026-11|C1", figures(1, 1, "10.00"));
        cluster.state.putIn("report-monthly-by-customer", 1, "2026-11|C1", figures(2, 3, "30.00"));
        cluster.state.putIn("report-monthly-by-category", 1, "2026-11|tea", figures(3, 4, "40.00"));
        cluster.state.putIn("report-fulfilment", 0, "2026-11|channel|ONLINE", new Fulfilment(4, 3));
        cluster.state.putIn("report-fulfilment", 1, "2026-11|channel|ONLINE", new Fulfilment(1, 0));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode monthly = json(cluster.get("/v1/reports/monthly?month=2026-11", "demo-analyst")).get("items");

            assertThat(monthly).hasSize(2);
            assertThat(monthly.findValuesAsText("dimension")).containsExactly("category", "customer");
            assertThat(monthly.get(1).get("orders").asLong()).isEqualTo(3);
            assertThat(monthly.get(1).get("units").asLong()).isEqualTo(4);
            assertThat(monthly.get(1).get("revenue").decimalValue()).isEqualByComparingTo("40.00");

            JsonNode fulfilment = json(cluster.get("/v1/reports/fulfilment?month=2026-11", "demo-analyst")).get("items");
            assertThat(fulfilment).hasSize(1);
            assertThat(fulfilment.get(0).get("delivered").asLong()).isEqualTo(5);
            assertThat(fulfilment.get(0).get("onTime").asLong()).isEqualTo(3);
            assertThat(fulfilment.get(0).get("rate").decimalValue()).isEqualByComparingTo("0.6000");
        });
    }

    @Test
    void shouldClassACustomerByTheSumOfItsPartsNotByAnyPart() {
        LocalDate d0 = LocalDate.ofInstant(TestCluster.NOW, ZoneOffset.UTC).minusDays(3);
        // Alone, each part is one order under the VIP revenue (10000.00): new, not repeat. Together: VIP, repeat.
        cluster.state.putIn("report-customers", 0, "C1",
                new CustomerStats(figures(1, 1, "6000.00"), d0.plusDays(1), d0.plusDays(1)));
        cluster.state.putIn("report-customers", 1, "C1",
                new CustomerStats(figures(1, 2, "5000.00"), d0, d0.plusDays(2)));
        cluster.state.putIn("report-customers", 1, "C2", new CustomerStats(figures(1, 1, "10500.00"), d0, d0));
        cluster.state.putIn("report-customers", 0, "C3", new CustomerStats(figures(0, 0, "0.00"), null, null));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode customers = json(cluster.get("/v1/reports/customers", "demo-analyst")).get("items");

            assertThat(customers.findValuesAsText("customerId")).containsExactly("C1", "C2", "C3");
            JsonNode c1 = customers.get(0);
            assertThat(c1.get("orders").asLong()).isEqualTo(2);
            assertThat(c1.get("units").asLong()).isEqualTo(3);
            assertThat(c1.get("revenue").decimalValue()).isEqualByComparingTo("11000.00");
            assertThat(LocalDate.parse(c1.get("firstOrderDate").asText())).isEqualTo(d0);
            assertThat(LocalDate.parse(c1.get("lastOrderDate").asText())).isEqualTo(d0.plusDays(2));
            assertThat(c1.get("repeat").asBoolean()).isTrue();
            assertThat(c1.get("customerClass").asText()).isEqualTo("VIP");
            assertThat(customers.get(1).get("repeat").asBoolean()).isFalse();
            assertThat(customers.get(1).get("customerClass").asText()).isEqualTo("VIP");
            assertThat(customers.get(2).get("customerClass").asText()).isEqualTo("NEW");
            assertThat(customers.get(2).get("firstOrderDate").isNull()).isTrue();
        });
    }

    @Test
    void shouldWorkOutMeanAndPercentilesOfTheCycleFromTheSummedHistograms() {
        cluster.state.putIn("report-cycle-times", 0, "2026-11|order-to-approval",
                new CycleTimes(0, 0, new TreeMap<>()).add(60_000).add(120_000));
        cluster.state.putIn("report-cycle-times", 1, "2026-11|order-to-approval",
                new CycleTimes(0, 0, new TreeMap<>()).add(180_000).add(600_000));
        cluster.state.putIn("report-cycle-times", 1, "2026-10|order-to-approval", new CycleTimes(0, 0, new TreeMap<>()).add(1_000));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode cycle = json(cluster.get("/v1/reports/cycle-times", "demo-analyst")).get("items");

            assertThat(cycle.findValuesAsText("month")).containsExactly("2026-11", "2026-10");
            JsonNode november = cycle.get(0);
            assertThat(november.get("count").asLong()).isEqualTo(4);
            assertThat(november.get("meanMillis").asLong()).isEqualTo(240_000);
            assertThat(november.get("p50Millis").asLong()).as("the 2nd of 4").isEqualTo(120_000);
            assertThat(november.get("p90Millis").asLong()).as("the 4th of 4").isEqualTo(600_000);
        });
    }

    @Test
    void shouldSumPartsThatArriveOnDifferentPagesOfTheTwoPartitionsAndExportTheSameRows() {
        // Revenue falls with i in partition 0 and rises with it in partition 1: a key's parts are on
        // different pages of the two partitions, and the sums (100 + 10 i) sort the other way from both.
        for (int i = 0; i < 7; i++) {
            cluster.state.putIn("report-customers", 0, "K" + i, new CustomerStats(figures(1, 1, (90 - i) + ".00"), null, null));
            cluster.state.putIn("report-customers", 1, "K" + i, new CustomerStats(figures(1, 1, (10 + 11 * i) + ".00"), null, null));
        }
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode items = json(cluster.get("/v1/reports/customers", "demo-analyst")).get("items");

            List<String> fromJson = new ArrayList<>();
            items.forEach(c -> fromJson.add(c.get("customerId").asText() + "," + c.get("orders").asLong() + ","
                    + c.get("units").asLong() + "," + c.get("revenue").decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString()));
            assertThat(fromJson).containsExactly("K6,2,2,160.00", "K5,2,2,150.00", "K4,2,2,140.00", "K3,2,2,130.00",
                    "K2,2,2,120.00", "K1,2,2,110.00", "K0,2,2,100.00");
            List<String> lines = Arrays.asList(text(cluster.get("/v1/reports/customers?format=csv", "demo-analyst"))
                    .split("\r\n"));
            assertThat(lines.subList(1, lines.size()).stream()
                    .map(l -> String.join(",", Arrays.asList(l.split(",")).subList(0, 4))).toList())
                    .containsExactlyElementsOf(fromJson);
        });
    }

    private static String money(JsonNode row, String field) {
        return row.get(field).decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** An order of {@code customer} for {@code total}, delivered {@code daysAgo} days before NOW, paid {@code paid}. */
    private static io.orderflow.avro.OrderState owing(String id, String customer, String currency, String total,
                                                      String paid, long daysAgo) {
        Instant delivered = TestCluster.NOW.minus(Duration.ofDays(daysAgo));
        return io.orderflow.streams.analytics.OrderFixtures.order(id, io.orderflow.avro.OrderStatus.DELIVERED,
                        delivered.minus(Duration.ofDays(3)), io.orderflow.avro.Channel.ONLINE, customer,
                        List.of(io.orderflow.streams.analytics.OrderFixtures.line("SKU-1", 1, total)))
                .setCurrency(currency)
                .setDeliveredAt(delivered)
                .setPaidAmount(new BigDecimal(paid))
                .setPaymentStatus(new BigDecimal(paid).signum() == 0 ? io.orderflow.avro.PaymentStatus.UNPAID
                        : new BigDecimal(paid).compareTo(new BigDecimal(total)) < 0
                        ? io.orderflow.avro.PaymentStatus.PARTIALLY_PAID : io.orderflow.avro.PaymentStatus.PAID)
                .build();
    }

    @Test
    void shouldAgeWhatEachCustomerOwesPerCurrencySummedOverTheirOrdersInEveryPartition() {
        // C1 owes in both partitions: 100.00 overdue 10 days (0), 60.00 of 80.00 overdue 45 days (1), and
        // 30.00 on 60 days' credit delivered 20 days ago, not yet due (1); in dollars 50.00 overdue 100 days.
        cluster.state.putIn("orders-store", 0, "O-1", owing("O-1", "C1", "CNY", "100.00", "0.00", 10));
        cluster.state.putIn("orders-store", 1, "O-2", owing("O-2", "C1", "CNY", "80.00", "20.00", 45));
        io.orderflow.avro.OrderState credit = owing("O-3", "C1", "CNY", "30.00", "0.00", 20);
        credit.setPaymentMethod(io.orderflow.avro.PaymentMethod.CREDIT_TERMS);
        credit.setPaymentTerms(new io.orderflow.avro.PaymentTerms(60));
        credit.setPaymentDueAt(credit.getDeliveredAt().plus(Duration.ofDays(60)));
        cluster.state.putIn("orders-store", 1, "O-3", credit);
        cluster.state.putIn("orders-store", 0, "O-4", owing("O-4", "C1", "USD", "50.00", "0.00", 100));
        // C2 owes 70.00, overdue 65 days; what is paid, cancelled or not delivered owes nothing
        cluster.state.putIn("orders-store", 1, "O-5", owing("O-5", "C2", "CNY", "70.00", "0.00", 65));
        cluster.state.putIn("orders-store", 0, "O-6", owing("O-6", "C2", "CNY", "40.00", "40.00", 65));
        io.orderflow.avro.OrderState cancelled = owing("O-7", "C2", "CNY", "40.00", "0.00", 65);
        cancelled.setStatus(io.orderflow.avro.OrderStatus.CANCELLED);
        cluster.state.putIn("orders-store", 0, "O-7", cancelled);
        io.orderflow.avro.OrderState underway = owing("O-8", "C2", "CNY", "40.00", "0.00", 65);
        underway.setStatus(io.orderflow.avro.OrderStatus.SHIPPED);
        underway.setDeliveredAt(null);
        cluster.state.putIn("orders-store", 1, "O-8", underway);
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode answer = json(cluster.get("/v1/reports/receivables", "demo-analyst"));
            JsonNode items = answer.get("items");
            assertThat(items).as(answer.toString()).isNotNull();

            List<String> rows = new ArrayList<>();
            items.forEach(r -> rows.add(String.join(",", r.get("customerId").asText(), r.get("currency").asText(),
                    r.get("orders").asText(), money(r, "notYetDue"), money(r, "overdue1To30"),
                    money(r, "overdue31To60"), money(r, "overdue61To90"), money(r, "overdueOver90"),
                    money(r, "outstanding"))));
            assertThat(rows).containsExactly(
                    "C1,CNY,3,30.00,100.00,60.00,0.00,0.00,190.00",
                    "C2,CNY,1,0.00,0.00,0.00,70.00,0.00,70.00",
                    "C1,USD,1,0.00,0.00,0.00,0.00,50.00,50.00");

            // three weeks later the first is 31 days overdue, the second 66, and the credit order still not due
            JsonNode later = json(cluster.get("/v1/reports/receivables?asOf="
                    + TestCluster.NOW.plus(Duration.ofDays(21)), "demo-analyst")).get("items");
            assertThat(later.get(0).get("overdue31To60").decimalValue()).isEqualByComparingTo("100.00");
            assertThat(later.get(0).get("overdue61To90").decimalValue()).isEqualByComparingTo("60.00");
            assertThat(later.get(0).get("notYetDue").decimalValue()).isEqualByComparingTo("30.00");
            String csv = text(cluster.get("/v1/reports/receivables?format=csv&lang=zh", "demo-analyst"));
            assertThat(csv.split("\r\n")[0]).contains("客户编号", "未到期", "逾期90天以上", "应收余额");
            assertThat(cluster.get("/v1/reports/receivables", "demo-warehouse").statusCode()).isEqualTo(403);
        });
    }
}
