package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.Customer;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.Role;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.streams.analytics.OrderFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orders exported as the ledger: a row per line, the order repeated, English or Chinese headers, masked by role. */
class OrderLedgerRoutesTest {

    private static final String ZH_HEADER = "订单编号,下单日期,渠道,客户编号,客户名称,联系人,联系电话,收货地址,商品编号,商品名称,"
            + "规格型号,数量,单价,金额,已发货数量,预计交货日期,付款方式,币种,折扣,备注,订单状态,审核人,审核时间,发货日期,"
            + "物流信息,实际交付日期,付款状态,已付款,异常说明,负责人,创建人,创建时间,更新时间";

    private final TestCluster cluster = new TestCluster();

    @BeforeEach
    void ordersOnBothInstances() {
        cluster.state.owners.put(1, cluster.peer);
        for (String id : List.of("O-1", "O-2", "O-3", "O-4")) {
            OrderState order = OrderRoutesTest.order(id, OrderStatus.APPROVED, TestCluster.NOW, "C-" + id, Channel.PHONE);
            if (id.equals("O-2")) {
                order = OrderState.newBuilder(order).setLines(new ArrayList<>(List.of(
                        OrderFixtures.line("TEA-1", 2, "12.50"), OrderFixtures.line("CUP-9", 1, "99.90")))).build();
            }
            cluster.state.put("orders-store", id, order);
        }
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void shouldExportARowPerLineWithTheOrderRepeatedUnderTheLedgersChineseHeaders() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            List<String> lines = Arrays.asList(text(cluster.get("/v1/orders?format=csv&rows=line&lang=zh", "demo-admin"))
                    .replace("\uFEFF", "").split("\r\n"));

            assertThat(lines.get(0)).isEqualTo(ZH_HEADER);
            assertThat(lines).hasSize(1 + 5);
            assertThat(lines).filteredOn(l -> l.startsWith("O-2,")).hasSize(2)
                    .anySatisfy(l -> assertThat(l).contains(",C-O-2,深圳客户 C-O-2,王小明,13800138000,", ",TEA-1,", ",2,12.50,25.00,"))
                    .anySatisfy(l -> assertThat(l).contains(",C-O-2,深圳客户 C-O-2,王小明,13800138000,", ",CUP-9,", ",1,99.90,99.90,"));
            assertThat(cluster.askedOf(cluster.peer)).as("both instances' orders").containsExactly("orders");
        });
    }

    @Test
    void shouldHeadTheLedgerInEnglishByDefaultAndMaskPersonalDataAsTheJsonDoes() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            String maskedPhone = json(cluster.get("/v1/orders/O-1", "demo-analyst")).get("customer").get("phone").asText();
            List<String> cells = Workbooks.cells(cluster.get("/v1/orders?format=xlsx&rows=line", "demo-analyst").body());

            assertThat(cells).contains("orderId", "orderDate", "channel", "customerId", "customerName", "contactName",
                    "phone", "address", "sku", "productName", "spec", "quantity", "unitPrice", "amount");
            assertThat(maskedPhone).isNotEqualTo("13800138000");
            assertThat(cells).contains(maskedPhone).doesNotContain("13800138000");
        });
    }

    /**
     * The ledger, byte for byte, as {@code docs/examples/orders-ledger-zh.csv} shows it: the gateway's
     * {@code LedgerReaderReadsTheExportTest} reads that file back into the same orders, so a change here that
     * the import would not read fails one of the two. Written to {@code target/} when it differs, to compare.
     */
    @Test
    void shouldWriteTheLedgerThatTheImportReadsBack() throws Exception {
        cluster.state.put("orders-store", "L-1", ledgerOrder("L-1", TestCluster.NOW.minus(Duration.ofHours(2)))
                .setCustomer(Customer.newBuilder().setId("C-100").setName("上海茶行, 总店").setContactName("李雷")
                        .setPhone("13800138000").setAddress("上海市黄浦区南京东路1号").build())
                .setLines(new ArrayList<>(List.of(line("TEA-1", "龙井茶", "250g, 罐装", 3, "12.50"),
                        line("CUP-9", "青瓷杯", null, 1, "99.90"))))
                .setNotes("送货前电话联系").build());
        cluster.state.put("orders-store", "L-2", ledgerOrder("L-2", TestCluster.NOW.minus(Duration.ofHours(1)))
                .setChannel(Channel.DISTRIBUTOR).setPaymentMethod(PaymentMethod.CREDIT_TERMS)
                .setOrderDate(LocalDate.of(2026, 11, 21))
                .setCustomer(Customer.newBuilder().setId("C-200").setName("北京茶社").build())
                .setLines(new ArrayList<>(List.of(line("TEA-2", "普洱茶", null, 2, "45.50"))))
                .setStatus(OrderStatus.APPROVED).setReviewer(new Actor("rita.review", Role.REVIEWER))
                .setReviewedAt(TestCluster.NOW.minus(Duration.ofMinutes(30))).build());
        Path example = Path.of("..", "docs", "examples", "orders-ledger-zh.csv");
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            // the orders dated before the 22nd: these two, newest first
            String ledger = text(cluster.get("/v1/orders?format=csv&rows=line&lang=zh&to=2026-11-21", "demo-admin"));
            if (!ledger.equals(Files.readString(example))) {
                Files.writeString(Path.of("target", "orders-ledger-zh.csv"), ledger);
            }
            assertThat(ledger).isEqualTo(Files.readString(example));
        });
    }

    private static OrderState.Builder ledgerOrder(String id, Instant createdAt) {
        return OrderState.newBuilder(OrderFixtures.order(id, OrderStatus.PENDING_REVIEW, createdAt).build())
                .setOrderDate(LocalDate.of(2026, 11, 20)).setExpectedDeliveryDate(LocalDate.of(2026, 11, 30))
                .setCreatedBy(new Actor("sam.sales", Role.SALES));
    }

    private static OrderLineState line(String sku, String name, String spec, int quantity, String unitPrice) {
        OrderLineState line = OrderFixtures.line(sku, quantity, unitPrice);
        return OrderLineState.newBuilder(line)
                .setLine(OrderLine.newBuilder(line.getLine()).setProductName(name).setSpec(spec).build()).build();
    }

    @Test
    void shouldRefuseALayoutOrLanguageItDoesNotWrite() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            for (String query : List.of("rows=cells", "rows=line&lang=fr")) {
                var response = cluster.get("/v1/orders?format=csv&" + query, "demo-admin");
                JsonNode error = json(response);
                assertThat(response.statusCode()).as(query).isEqualTo(400);
                assertThat(error.toString()).as(query).contains(query.contains("rows=cells") ? "rows" : "lang");
            }
        });
    }
}
