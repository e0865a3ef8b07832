package io.orderflow.streams.query.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX through fastexcel, which streams: each row is written and flushed to the response as it
 * comes, never a whole workbook in memory. Numbers stay numbers (money exact as decimals), dates
 * and instants (UTC) are formatted cells, the header row is bold and frozen.
 */
public final class XlsxWriter {

    private static final int FLUSH_EVERY = 500;

    private XlsxWriter() {
    }

    public static <R> void write(OutputStream out, String sheet, List<Column<R>> columns, Iterator<R> rows)
            throws IOException {
        Workbook workbook = new Workbook(out, "orderflow", "1.0");
        Worksheet ws = workbook.newWorksheet(sheet);
        for (int c = 0; c < columns.size(); c++) {
            ws.value(0, c, columns.get(c).header());
        }
        ws.range(0, 0, 0, columns.size() - 1).style().bold().set();
        ws.freezePane(0, 1);
        int r = 1;
        while (rows.hasNext()) {
            R row = rows.next();
            for (int c = 0; c < columns.size(); c++) {
                cell(ws, r, c, columns.get(c).cell().apply(row));
            }
            if (r % FLUSH_EVERY == 0) {
                ws.flush();
            }
            r++;
        }
        ws.finish();
        workbook.finish();
    }

    private static void cell(Worksheet ws, int r, int c, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof BigDecimal d) {
            ws.value(r, c, d);
            ws.style(r, c).format("0.00##").set();
        } else if (value instanceof Number n) {
            ws.value(r, c, n);
        } else if (value instanceof Boolean b) {
            ws.value(r, c, b);
        } else if (value instanceof LocalDate d) {
            ws.value(r, c, d);
            ws.style(r, c).format("yyyy-mm-dd").set();
        } else if (value instanceof Instant i) {
            ws.value(r, c, i.atZone(ZoneOffset.UTC).toLocalDateTime());
            ws.style(r, c).format("yyyy-mm-dd hh:mm:ss").set();
        } else {
            ws.value(r, c, value.toString());
        }
    }
}
