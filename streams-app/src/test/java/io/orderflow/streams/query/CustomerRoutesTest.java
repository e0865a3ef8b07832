package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.CreditLimit;
import io.orderflow.avro.CustomerChange;
import io.orderflow.avro.CustomerClass;
import io.orderflow.avro.CustomerExposure;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentTerms;
import io.orderflow.avro.Role;
import io.orderflow.streams.customer.CustomerTopology;
import io.orderflow.streams.customer.Exposure;
import io.orderflow.streams.analytics.CustomerStats;
import io.orderflow.streams.analytics.SalesFigures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/customers/{id}}, {@code GET /v1/customers} and an order's customer class. */
class CustomerRoutesTest {

    private static final Actor ADMIN = new Actor("ada.admin", Role.ADMIN);

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static CustomerRecord customer(String id) {
        return CustomerRecord.newBuilder().setId(id).setName("深圳客户 " + id).setCustomerClass(CustomerClass.VIP)
                .setContactName("王小明").setPhone("13800138000").setAddress("深圳市南山区科技园1号")
                .setPaymentTerms(new PaymentTerms(30))
                .setCreditLimit(new CreditLimit(new BigDecimal("1000.00"), "CNY"))
                .setReason("annual review").setUpdatedBy(ADMIN).setUpdatedAt(TestCluster.NOW)
                .setHistory(List.of(new CustomerChange(TestCluster.NOW, ADMIN, "created; phone set", "annual review")))
                .build();
    }

    private void exposure(String customerId, String orderId, String open, String currency) {
        cluster.state.putGlobal(CustomerTopology.EXPOSURE_STORE, Exposure.key(customerId, orderId),
                new CustomerExposure(customerId, orderId, new BigDecimal(open), currency, TestCluster.NOW));
    }

    @Test
    void shouldAnswerACustomerWithItsLimitOpenReceivablesAndHistory() {
        cluster.state.putGlobal(CustomerTopology.CUSTOMERS_STORE, "C-1", customer("C-1"));
        exposure("C-1", "O-1", "300.00", "CNY");
        exposure("C-1", "O-2", "150.50", "CNY");
        exposure("C-10", "O-3", "999.00", "CNY");
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode customer = json(cluster.get("/v1/customers/C-1", "demo-sales"));

            assertThat(customer.get("id").asText()).isEqualTo("C-1");
            assertThat(customer.get("class").asText()).isEqualTo("VIP");
            assertThat(customer.get("phone").asText()).isEqualTo("13800138000");
            assertThat(customer.at("/paymentTerms/dueDays").asInt()).isEqualTo(30);
            assertThat(customer.at("/creditLimit/amount").decimalValue()).isEqualByComparingTo("1000.00");
            assertThat(customer.at("/openReceivables/amount").decimalValue()).isEqualByComparingTo("450.50");
            assertThat(customer.at("/openReceivables/orders").asInt()).isEqualTo(2);
            assertThat(customer.at("/history/0/actor").asText()).isEqualTo("ada.admin");
            assertThat(customer.at("/history/0/role").asText()).isEqualTo("ADMIN");
            assertThat(customer.at("/history/0/changed").asText()).isEqualTo("created; phone set");
            assertThat(customer.at("/history/0/reason").asText()).isEqualTo("annual review");
        });
    }

    @Test
    void shouldMaskACustomersPersonalDataForAnalysts() {
        cluster.state.putGlobal(CustomerTopology.CUSTOMERS_STORE, "C-1", customer("C-1"));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode customer = json(cluster.get("/v1/customers/C-1", "demo-analyst"));
            JsonNode listed = json(cluster.get("/v1/customers", "demo-analyst")).at("/items/0");

            assertThat(customer.get("phone").asText()).isEqualTo("138****8000");
            assertThat(customer.get("contactName").asText()).isEqualTo("王**");
            assertThat(customer.get("address").asText()).doesNotContain("科技园");
            assertThat(listed.get("phone").asText()).isEqualTo("138****8000");
        });
    }

    @Test
    void shouldListCustomersAndAnswer404ForAnUnknownOne() {
        cluster.state.putGlobal(CustomerTopology.CUSTOMERS_STORE, "C-1", customer("C-1"));
        cluster.state.putGlobal(CustomerTopology.CUSTOMERS_STORE, "C-2", customer("C-2"));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode list = json(cluster.get("/v1/customers", "demo-reviewer"));

            assertThat(list.get("items")).extracting(item -> item.get("id").asText()).containsExactly("C-1", "C-2");
            assertThat(cluster.get("/v1/customers/NOPE", "demo-reviewer").statusCode()).isEqualTo(404);
            assertThat(json(cluster.get("/v1/customers/NOPE", "demo-reviewer")).get("error").isMissingNode())
                    .isFalse();
        });
    }

    @Test
    void shouldKeepCustomerRecordsFromWarehouseLogisticsAndPlatforms() {
        cluster.state.putGlobal(CustomerTopology.CUSTOMERS_STORE, "C-1", customer("C-1"));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(cluster.get("/v1/customers/C-1", "demo-warehouse").statusCode()).isEqualTo(403);
            assertThat(cluster.get("/v1/customers", "demo-platform").statusCode()).isEqualTo(403);
        });
    }

    @Test
    void shouldLetTheCustomerRecordsClassWinInTheCustomersReport() {
        CustomerRecord regular = CustomerRecord.newBuilder(customer("C1")).setCustomerClass(CustomerClass.REGULAR)
                .build();
        cluster.state.putGlobal(CustomerTopology.CUSTOMERS_STORE, "C1", regular);
        // VIP by revenue under the default thresholds, were it worked out
        LocalDate day = LocalDate.ofInstant(TestCluster.NOW, ZoneOffset.UTC);
        cluster.state.put("report-customers", "C1", new CustomerStats(new SalesFigures(3, 4,
                new BigDecimal("12000.00")), day, day));
        cluster.state.put("report-customers", "C2", new CustomerStats(new SalesFigures(3, 4,
                new BigDecimal("12000.00")), day, day));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode rows = json(cluster.get("/v1/reports/customers", "demo-analyst")).get("items");

            assertThat(rows).extracting(row -> row.get("customerId").asText() + ":" + row.get("customerClass").asText())
                    .containsExactlyInAnyOrder("C1:REGULAR", "C2:VIP");
        });
    }

    @Test
    void shouldShowTheClassTheCustomerRecordSetsOnTheOrder() {
        cluster.state.putGlobal(CustomerTopology.CUSTOMERS_STORE, "C1", customer("C1"));
        cluster.state.put("orders-store", "O-1",
                OrderRoutesTest.order("O-1", OrderStatus.APPROVED, TestCluster.NOW, "C1", Channel.ONLINE));
        cluster.state.put("orders-store", "O-2",
                OrderRoutesTest.order("O-2", OrderStatus.APPROVED, TestCluster.NOW, "C2", Channel.ONLINE));
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode classed = json(cluster.get("/v1/orders/O-1", "demo-sales"));
            JsonNode unclassed = json(cluster.get("/v1/orders/O-2", "demo-sales"));

            assertThat(classed.at("/customer/class").asText()).isEqualTo("VIP");
            assertThat(unclassed.at("/customer/class").isNull()).isTrue();
        });
    }
}
