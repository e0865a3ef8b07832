package io.orderflow.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Channel;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.gateway.api.OrderRequests.CustomerBody;
import io.orderflow.gateway.api.OrderRequests.OrderBody;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The orders' ledger as the query API exports it ({@code GET /v1/orders?format=csv&rows=line&lang=zh}) reads
 * back into the orders it was written from. {@code docs/examples/orders-ledger-zh.csv} is that export, byte for
 * byte: the streams app's {@code OrderLedgerRoutesTest} writes it from these orders, so a change to either side
 * that the other does not follow fails one of the two.
 */
class LedgerReaderReadsTheExportTest {

    private static final Path EXPORT = Path.of("..", "docs", "examples", "orders-ledger-zh.csv");

    @Test
    void shouldReadTheExportedLedgerBackIntoTheSameOrders() throws Exception {
        LedgerReader.Result result = LedgerReader.read(CsvReader.read(Files.readAllBytes(EXPORT), 1000),
                LocalDate.of(2026, 11, 22), java.time.ZoneId.of("Asia/Shanghai"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.orders()).extracting(o -> o.body().orderId()).containsExactly("L-2", "L-1");
        OrderBody second = result.orders().get(0).body();
        assertThat(second.channel()).isEqualTo(Channel.DISTRIBUTOR);
        assertThat(second.paymentMethod()).isEqualTo(PaymentMethod.CREDIT_TERMS);
        assertThat(second.orderDate()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(second.customer()).isEqualTo(new CustomerBody("C-200", "北京茶社", null, null, null));
        OrderBody first = result.orders().get(1).body();
        assertThat(first.channel()).isEqualTo(Channel.ONLINE);
        assertThat(first.orderDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(first.expectedDeliveryDate()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(first.paymentMethod()).isEqualTo(PaymentMethod.BANK_TRANSFER);
        assertThat(first.currency()).isEqualTo("CNY");
        assertThat(first.notes()).isEqualTo("送货前电话联系");
        assertThat(first.customer()).isEqualTo(new CustomerBody("C-100", "上海茶行, 总店", "李雷", "13800138000",
                "上海市黄浦区南京东路1号"));
        assertThat(first.lines()).extracting(l -> l.sku(), l -> l.productName(), l -> l.spec(), l -> l.quantity(),
                        l -> l.unitPrice(), l -> l.amount())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("TEA-1", "龙井茶", "250g, 罐装", 3, new BigDecimal("12.50"),
                                new BigDecimal("37.50")),
                        org.assertj.core.groups.Tuple.tuple("CUP-9", "青瓷杯", null, 1, new BigDecimal("99.90"),
                                new BigDecimal("99.90")));
    }

    @Test
    void shouldReadTheExportedStatusesAndWhoDidWhatBack() throws Exception {
        LedgerReader.Result result = LedgerReader.read(CsvReader.read(Files.readAllBytes(EXPORT), 1000),
                LocalDate.of(2026, 11, 22), java.time.ZoneId.of("Asia/Shanghai"));

        LedgerState approved = result.orders().get(0).state();
        assertThat(approved.status()).isEqualTo(io.orderflow.avro.OrderStatus.APPROVED);
        assertThat(approved.reviewer()).isEqualTo("rita.review");
        assertThat(approved.reviewedAt()).isEqualTo(java.time.Instant.parse("2026-11-22T07:30:00Z"));
        assertThat(approved.shipped()).isEmpty();
        assertThat(approved.paidAmount()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(approved.createdBy()).isEqualTo("sam.sales");
        assertThat(approved.createdAt()).isEqualTo(java.time.Instant.parse("2026-11-22T07:00:00Z"));
        assertThat(result.orders().get(1).state().status()).isEqualTo(io.orderflow.avro.OrderStatus.PENDING_REVIEW);
    }
}
