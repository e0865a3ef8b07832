package io.orderflow.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.OrderStatus;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger of 100 000 rows read in bounded memory, shown by counting rows, not by timing: the file is made up as
 * it is read, and the reader never holds more than one order's rows, nor reads more than a buffer's worth ahead.
 */
class LedgerStreamingTest {

    private static final int ROWS = 100_000;
    private static final int LINES_PER_ORDER = 2;

    /** A Chinese ledger with statuses, two rows per order, each row made up only when the reader asks for it. */
    static final class GeneratedLedger extends InputStream {
        private final int rows;
        private int generated = -1;
        private byte[] current = new byte[0];
        private int position;

        GeneratedLedger(int rows) {
            this.rows = rows;
        }

        /** Data rows made up so far. */
        int generated() {
            return Math.max(0, generated);
        }

        private boolean advance() {
            if (generated >= rows) {
                return false;
            }
            String row = generated < 0
                    ? "订单编号,下单日期,客户名称,商品编号,数量,单价,已发货数量,订单状态,物流信息,付款状态\n"
                    : "G-" + (generated / LINES_PER_ORDER) + ",2025-03-01,客户" + (generated / LINES_PER_ORDER)
                            + ",SKU-" + (generated % LINES_PER_ORDER) + ",2,12.50,2,已送达,顺丰 SF" + generated
                            + ",已付款\n";
            generated++;
            current = row.getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }

        @Override
        public int read() {
            if (position == current.length && !advance()) {
                return -1;
            }
            return current[position++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == current.length && !advance()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    @Test
    void shouldReadAHundredThousandRowsHoldingOneOrderAtATime() throws Exception {
        GeneratedLedger file = new GeneratedLedger(ROWS);
        int orders = 0;
        int mostReadAhead = 0;
        try (RowStream rows = CsvReader.stream(file, StandardCharsets.UTF_8, ROWS)) {
            LedgerReader.Orders ledger = LedgerReader.orders(rows, LocalDate.of(2026, 11, 22),
                    ZoneId.of("Asia/Shanghai"));
            for (LedgerReader.LedgerOrder order; (order = ledger.next()) != null; ) {
                assertThat(order.state().status()).isEqualTo(OrderStatus.DELIVERED);
                assertThat(order.lines()).hasSize(LINES_PER_ORDER);
                orders++;
                mostReadAhead = Math.max(mostReadAhead, file.generated() - ledger.rowsRead());
            }

            assertThat(ledger.problems()).isEmpty();
            assertThat(ledger.rowsRead()).isEqualTo(ROWS);
            assertThat(ledger.mostRowsHeld()).isLessThanOrEqualTo(LINES_PER_ORDER + 1);
        }
        assertThat(orders).isEqualTo(ROWS / LINES_PER_ORDER);
        assertThat(file.generated()).isEqualTo(ROWS);
        // rows made up but not yet read are those in the reader's 64 KiB buffer: about a thousand, not the file
        assertThat(mostReadAhead).isLessThan(2_000);
    }

    @Test
    void shouldReadAHundredThousandRowWorkbookRowByRow(@TempDir Path dir) throws Exception {
        Path workbook = dir.resolve("ledger.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(workbook))) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer sheet = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            sheet.write("<worksheet><sheetData>");
            sheet.write("<row r=\"1\"><c t=\"inlineStr\"><is><t>订单编号</t></is></c><c t=\"inlineStr\"><is><t>客户名称</t>"
                    + "</is></c><c t=\"inlineStr\"><is><t>商品编号</t></is></c><c t=\"inlineStr\"><is><t>数量</t></is></c>"
                    + "<c t=\"inlineStr\"><is><t>单价</t></is></c><c t=\"inlineStr\"><is><t>订单状态</t></is></c></row>");
            for (int row = 0; row < ROWS; row++) {
                sheet.write("<row r=\"" + (row + 2) + "\"><c t=\"inlineStr\"><is><t>X-" + row / LINES_PER_ORDER
                        + "</t></is></c><c t=\"inlineStr\"><is><t>客户</t></is></c><c t=\"inlineStr\"><is><t>SKU-"
                        + row % LINES_PER_ORDER + "</t></is></c><c><v>2</v></c><c><v>12.5</v></c>"
                        + "<c t=\"inlineStr\"><is><t>已审核</t></is></c></row>");
            }
            sheet.write("</sheetData></worksheet>");
            sheet.flush();
            zip.closeEntry();
        }
        int orders = 0;
        try (RowStream rows = XlsxReader.stream(workbook, ROWS)) {
            LedgerReader.Orders ledger = LedgerReader.orders(rows, LocalDate.of(2026, 11, 22),
                    ZoneId.of("Asia/Shanghai"));
            for (LedgerReader.LedgerOrder order; (order = ledger.next()) != null; ) {
                assertThat(order.state().status()).isEqualTo(OrderStatus.APPROVED);
                orders++;
            }

            assertThat(ledger.problems()).isEmpty();
            assertThat(ledger.rowsRead()).isEqualTo(ROWS);
            assertThat(ledger.mostRowsHeld()).isLessThanOrEqualTo(LINES_PER_ORDER + 1);
        }
        assertThat(orders).isEqualTo(ROWS / LINES_PER_ORDER);
    }

    @Test
    void shouldRefuseTheRowsOfAnOrderThatAreNotNextToEachOther() throws Exception {
        String csv = """
                订单编号,客户名称,商品编号,数量,单价
                S-1,张三,TEA-1,1,1.00
                S-2,李四,TEA-1,1,1.00
                S-1,张三,TEA-2,1,1.00
                """;
        LedgerReader.Result result = LedgerReader.read(CsvReader.read(csv.getBytes(StandardCharsets.UTF_8), 10),
                LocalDate.of(2026, 11, 22), ZoneId.of("Asia/Shanghai"));

        assertThat(result.orders()).extracting(o -> o.body().orderId()).containsExactly("S-1", "S-2");
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.column()).isEqualTo("订单编号");
            assertThat(problem.reason()).contains("must be next to each other");
        });
    }
}
