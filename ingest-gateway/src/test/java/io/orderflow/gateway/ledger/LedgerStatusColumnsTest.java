package io.orderflow.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.orderflow.avro.OrderStatus;
import io.orderflow.gateway.ledger.LedgerReader.RowProblem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status and execution columns of a shop's ledger (订单状态, 审核人, 审核时间, 已发货数量, 发货日期, 物流信息,
 * 实际交付日期, 付款状态, 已付款, 异常说明, 负责人, 创建人, 创建时间, 更新时间), in the source documents' Chinese and in
 * English, read into what the ledger says happened to each order.
 */
class LedgerStatusColumnsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static LedgerReader.Result read(String csv) throws SheetFormatException {
        return LedgerReader.read(CsvReader.read(csv.getBytes(StandardCharsets.UTF_8), 1000), TODAY, SHANGHAI);
    }

    @Test
    void shouldReadAChineseLedgersStatusesAsTheOrderDeskNamesThem() throws Exception {
        LedgerReader.Result result = read("""
                订单编号,客户名称,商品编号,数量,单价,已发货数量,订单状态,审核人,审核时间,发货日期,物流信息,实际交付日期,付款状态,已付款,异常说明,负责人,创建人,创建时间,更新时间
                D-1,张三,TEA-1,3,12.50,3,已送达,王审核,2025-03-01 10:00,2025-03-02,"顺丰 SF1001；圆通 YT2002",2025年3月4日,已付款,,包装破损,李销售,lin.sales,2025-03-01 09:30:00,2025-03-04 18:00
                D-1,张三,CUP-9,1,99.90,1,已送达,王审核,2025-03-01 10:00,2025-03-02,"顺丰 SF1001；圆通 YT2002",2025年3月4日,已付款,,包装破损,李销售,lin.sales,2025-03-01 09:30:00,2025-03-04 18:00
                D-2,李四,TEA-1,5,12.50,2,部分发货,王审核,2025-03-05 10:00,,,,部分付款,20.00,,,,,
                D-3,王五,TEA-1,1,12.50,,待审核,,,,,,未付款,,,,,,
                """);

        assertThat(result.problems()).isEmpty();
        LedgerState delivered = result.orders().get(0).state();
        assertThat(delivered.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(delivered.reviewer()).isEqualTo("王审核");
        assertThat(delivered.reviewedAt()).isEqualTo(Instant.parse("2025-03-01T02:00:00Z"));
        assertThat(delivered.shipped()).isEqualTo(Map.of("TEA-1", 3, "CUP-9", 1));
        assertThat(delivered.shippedAt()).isEqualTo(Instant.parse("2025-03-01T16:00:00Z"));
        assertThat(delivered.parcels()).extracting(LedgerState.Parcel::carrier, LedgerState.Parcel::trackingNumber)
                .containsExactly(tuple("顺丰", "SF1001"), tuple("圆通", "YT2002"));
        assertThat(delivered.deliveredAt()).isEqualTo(Instant.parse("2025-03-03T16:00:00Z"));
        assertThat(delivered.paidAmount()).isEqualByComparingTo("137.40");
        assertThat(delivered.exceptionNote()).isEqualTo("包装破损");
        assertThat(delivered.owner()).isEqualTo("李销售");
        assertThat(delivered.createdBy()).isEqualTo("lin.sales");
        assertThat(delivered.createdAt()).isEqualTo(Instant.parse("2025-03-01T01:30:00Z"));
        assertThat(delivered.updatedAt()).isEqualTo(Instant.parse("2025-03-04T10:00:00Z"));
        LedgerState partly = result.orders().get(1).state();
        assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(partly.shipped()).isEqualTo(Map.of("TEA-1", 2));
        assertThat(partly.paidAmount()).isEqualByComparingTo("20.00");
        LedgerState pending = result.orders().get(2).state();
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(pending.shipped()).isEmpty();
        assertThat(pending.paidAmount()).isNull();
    }

    @Test
    void shouldReadAnEnglishLedgerAsTheExportWritesIt() throws Exception {
        LedgerReader.Result result = read("""
                orderId,customerName,sku,quantity,unitPrice,discount,shippedQuantity,status,reviewer,reviewedAt,shippedAt,tracking,deliveredAt,paymentStatus,paidAmount,exceptionNote,owner,createdBy,createdAt,updatedAt
                E-1,Acme,TEA-1,4,10.00,5.00,4,COMPLETED,rita.review,2025-03-01T02:00:00Z,2025-03-02T01:00:00Z,SF SF1001,2025-03-03T09:00:00Z,PAID,35.00,,lin.sales,sam.sales,2025-03-01T01:00:00Z,2025-03-05T01:00:00Z
                E-2,Acme,TEA-1,1,10.00,,0,CANCELLED,,,,,,UNPAID,0.00,customer changed mind,,sam.sales,2025-03-01T01:00:00Z,2025-03-01T05:00:00Z
                """);

        assertThat(result.problems()).isEmpty();
        LedgerState completed = result.orders().get(0).state();
        assertThat(result.orders().get(0).body().discount()).isEqualByComparingTo("5.00");
        assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(completed.paidAmount()).isEqualByComparingTo("35.00");
        assertThat(completed.parcels()).containsExactly(new LedgerState.Parcel("SF", "SF1001"));
        assertThat(completed.deliveredAt()).isEqualTo(Instant.parse("2025-03-03T09:00:00Z"));
        assertThat(completed.createdBy()).isEqualTo("sam.sales");
        LedgerState cancelled = result.orders().get(1).state();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.shipped()).isEmpty();
        assertThat(cancelled.paidAmount()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(cancelled.exceptionNote()).isEqualTo("customer changed mind");
    }

    @Test
    void shouldPlaceTheOrdersOfALedgerWithoutAStatusColumnAsNew() throws Exception {
        LedgerReader.Result result = read("""
                订单编号,客户名称,商品编号,数量,单价,负责人
                N-1,张三,TEA-1,3,12.50,李销售
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.orders()).singleElement().satisfies(order -> assertThat(order.state()).isNull());
    }

    @Test
    void shouldListEveryRowWhoseStatusOrExecutionDisagreesWithLineColumnAndReason() throws Exception {
        LedgerReader.Result result = read("""
                订单编号,客户名称,商品编号,数量,单价,已发货数量,订单状态,审核时间,物流信息,付款状态,已付款
                B-1,张三,TEA-1,3,10.00,,退货申请中,,,,
                B-2,张三,TEA-1,3,10.00,,已发货,,,已付款,20.00
                B-3,张三,TEA-1,3,10.00,4,已发货,,,,
                B-4,张三,TEA-1,3,10.00,,已审核,昨天,,,
                B-5,张三,TEA-1,3,10.00,,已发货,,SF1001,,
                B-6,张三,TEA-1,3,10.00,,已送达,,,,31.00
                B-7,张三,TEA-1,3,10.00,,发货了,,,,
                B-8,张三,TEA-1,3,10.00,,已审核,,,,
                B-8,张三,TEA-2,1,10.00,,已发货,,,,
                """);

        assertThat(result.orders()).isEmpty();
        assertThat(result.problems()).extracting(RowProblem::line, RowProblem::column)
                .containsExactly(tuple(2, "订单状态"), tuple(3, "已付款"), tuple(4, "已发货数量"), tuple(5, "审核时间"),
                        tuple(6, "物流信息"), tuple(7, "已付款"), tuple(8, "订单状态"), tuple(9, null),
                        tuple(10, "订单状态"));
        assertThat(result.problems().get(0).reason()).contains("cannot be imported as RETURN_REQUESTED");
        assertThat(result.problems().get(1).reason()).contains("disagrees with the payment status PAID");
        assertThat(result.problems().get(2).reason()).isEqualTo("must be at most the quantity (3)");
        assertThat(result.problems().get(5).reason()).isEqualTo("must be at most the order's total (30.00)");
        assertThat(result.problems().get(8).reason()).isEqualTo("differs from line 9 of the same order");
    }
}
