package io.orderflow.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orderflow.avro.Channel;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.gateway.ledger.LedgerReader.RowProblem;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

public class LedgerReaderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

    public static final String CHINESE_LEDGER = """
            订单编号,下单日期,渠道,客户名称,联系电话,商品名称,规格型号,数量,单价(元),金额(元),交货日期,付款方式,备注
            A-1,2026/11/20,线上,张三,13800000000,T恤,"红色, L",3,12.50,37.50,2026年11月30日,银行转账,
            A-1,2026/11/20,线上,张三,13800000000,帽子,,1,¥8.00,8.00,2026年11月30日,银行转账,
            A-2,2026-11-21,电话,李四,,T恤,,-2,12.50,,,现金,
            A-3,2026-11-21,展会,王五,,T恤,,2,12.50,30.00,,月结,
            A-4,2026-11-21,经销商,赵六,,T恤,,2,12.5,25,明天,月结,
            A-5,2026-11-21,线下,孙七,,T恤,,4,12.50,50.00,,刷卡,包装
            """;

    private static LedgerReader.Result read(String csv) throws SheetFormatException {
        return LedgerReader.read(CsvReader.read(csv.getBytes(StandardCharsets.UTF_8), 1000), TODAY, ZONE);
    }

    @Test
    void shouldReadTheSourceDocumentsChineseHeadersAndGroupLinesIntoOrders() throws Exception {
        LedgerReader.Result result = read(CHINESE_LEDGER);

        assertThat(result.rows()).isEqualTo(6);
        assertThat(result.orders()).extracting(o -> o.body().orderId()).containsExactly("A-1", "A-5");
        var a1 = result.orders().get(0).body();
        assertThat(result.orders().get(0).lines()).containsExactly(2, 3);
        assertThat(a1.channel()).isEqualTo(Channel.ONLINE);
        assertThat(a1.orderDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(a1.expectedDeliveryDate()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(a1.paymentMethod()).isEqualTo(PaymentMethod.BANK_TRANSFER);
        assertThat(a1.customer().name()).isEqualTo("张三");
        assertThat(a1.lines()).hasSize(2);
        assertThat(a1.lines().get(0).sku()).isEqualTo("T恤");
        assertThat(a1.lines().get(0).spec()).isEqualTo("红色, L");
        assertThat(a1.lines().get(1).unitPrice()).isEqualTo(new BigDecimal("8.00"));
        var a5 = result.orders().get(1).body();
        assertThat(a5.channel()).isEqualTo(Channel.OFFLINE);
        assertThat(a5.paymentMethod()).isEqualTo(PaymentMethod.CARD);
        assertThat(a5.notes()).isEqualTo("包装");
    }

    @Test
    void shouldReportEachBadRowWithItsLineColumnAndReason() throws Exception {
        LedgerReader.Result result = read(CHINESE_LEDGER);

        assertThat(result.problems()).containsExactly(
                new RowProblem(4, "数量", "must be positive"),
                new RowProblem(5, "金额(元)", "must equal quantity × unitPrice (25.00)"),
                new RowProblem(6, "交货日期", "is not a date (use 2026-11-30)"));
    }

    @Test
    void shouldLeaveOutAnOrderWhoseTotalTheContractCannotHold() throws Exception {
        LedgerReader.Result result = read("""
                order id,customer name,sku,quantity,unit price
                B-1,Acme,SKU-A,1,9999999999999999.99
                B-1,Acme,SKU-B,1,9999999999999999.99
                B-2,Acme,SKU-A,2,9999999999999999.99
                B-3,Acme,SKU-A,1,9999999999999999.99
                """);

        assertThat(result.orders()).extracting(o -> o.body().orderId()).containsExactly("B-3");
        assertThat(result.problems()).containsExactly(
                new RowProblem(2, null, "the order's total must be at most 9999999999999999.99"),
                new RowProblem(4, "amount", "quantity × unitPrice must be at most 9999999999999999.99"));
    }

    @Test
    void shouldLeaveOutAWholeOrderWhenOneOfItsRowsIsBad() throws Exception {
        LedgerReader.Result result = read("""
                order id,customer name,sku,quantity,unit price
                B-1,Acme,SKU-A,1,1.00
                B-1,Acme,SKU-B,x,1.00
                """);

        assertThat(result.orders()).isEmpty();
        assertThat(result.problems()).containsExactly(
                new RowProblem(2, null, "left out: another row of the same order is invalid"),
                new RowProblem(3, "quantity", "is not a number"));
    }

    @Test
    void shouldMakeEachRowWithoutAnOrderIdItsOwnOrder() throws Exception {
        LedgerReader.Result result = read("""
                customerName,sku,quantity,unitPrice,expectedDeliveryDate
                Acme,SKU-A,1,1.00,2026-12-01
                Acme,SKU-B,2,3.00,46000
                """);

        assertThat(result.orders()).hasSize(2);
        assertThat(result.orders().get(0).body().orderId()).isNull();
        assertThat(result.orders().get(1).body().expectedDeliveryDate()).isEqualTo(LocalDate.of(2025, 12, 9));
    }

    @Test
    void shouldRefuseALedgerWithoutTheColumnsAnOrderNeeds() {
        SheetFormatException e = assertThrows(SheetFormatException.class, () -> read("客户名称,备注\n张三,x\n"));

        assertThat(e.getMessage()).contains("数量").contains("单价");
    }

    @Test
    void shouldReadQuotedFieldsAndGb18030Files() throws Exception {
        String csv = "订单编号,客户名称,商品名称,数量,单价\r\nC-1,\"张\"\"三\"\"\",\"T恤\n加长\",2,1.50\r\n";
        Sheet sheet = CsvReader.read(csv.getBytes(Charset.forName("GB18030")), 10);

        assertThat(sheet.header()).containsExactly("订单编号", "客户名称", "商品名称", "数量", "单价");
        assertThat(sheet.rows()).hasSize(1);
        assertThat(sheet.rows().get(0).cells()).containsExactly("C-1", "张\"三\"", "T恤\n加长", "2", "1.50");
    }
}
