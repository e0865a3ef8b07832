package io.orderflow.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class XlsxReaderTest {

    @Test
    void shouldReadSharedStringsNumbersAndGapsOfTheFirstSheet() throws Exception {
        byte[] workbook = Workbooks.xlsx(List.of(
                List.of("订单编号", "客户名称", "商品名称", "数量", "单价"),
                Arrays.asList("X-1", "张三", null, 3, 37.5)));

        Sheet sheet = XlsxReader.read(workbook, 10);

        assertThat(XlsxReader.looksLikeXlsx(workbook)).isTrue();
        assertThat(sheet.header()).containsExactly("订单编号", "客户名称", "商品名称", "数量", "单价");
        assertThat(sheet.rows().get(0).line()).isEqualTo(2);
        assertThat(sheet.rows().get(0).cells()).containsExactly("X-1", "张三", "", "3", "37.5");
    }

    @Test
    void shouldRefuseAZipThatIsNoWorkbook() {
        byte[] junk = "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1);

        assertThrows(SheetFormatException.class, () -> XlsxReader.read(junk, 10));
    }

    @Test
    void shouldRefuseAZipOfMoreEntriesThanAWorkbookHas() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(file)) {
            for (int i = 0; i <= XlsxReader.MAX_ENTRIES; i++) {
                zip.putNextEntry(new ZipEntry("xl/media/image" + i + ".png"));
                zip.closeEntry();
            }
        }

        var e = assertThrows(SheetTooLargeException.class, () -> XlsxReader.read(file.toByteArray(), 10));
        assertThat(e.getMessage()).contains(Integer.toString(XlsxReader.MAX_ENTRIES));
    }

    @Test
    void shouldReadTheLowestNumberedSheetWhereverItLiesInTheZip() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(file)) {
            for (int sheet : new int[] {10, 2, 3}) {
                zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + sheet + ".xml"));
                zip.write(("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>sheet" + sheet
                        + "</t></is></c></row></sheetData></worksheet>").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }

        assertThat(XlsxReader.read(file.toByteArray(), 10).header()).containsExactly("sheet2");
    }

    @Test
    void shouldNameColumnsFromCellReferences() {
        assertThat(XlsxReader.column("A1")).isZero();
        assertThat(XlsxReader.column("AB12")).isEqualTo(27);
    }
}
