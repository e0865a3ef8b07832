package io.orderflow.streams.query.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 4180 CSV, UTF-8 with a byte-order mark so that Excel opens Chinese text correctly, CRLF
 * line ends; a field is quoted when it holds a comma, quote, CR or LF, and a field that a
 * spreadsheet would run as a formula ({@code = + - @}) is prefixed with a quote character.
 * Rows are written as they come.
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    public static <R> void write(OutputStream out, List<Column<R>> columns, Iterator<R> rows) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        line(writer, columns.stream().map(Column::header).map(h -> (Object) h).toList());
        while (rows.hasNext()) {
            R row = rows.next();
            line(writer, columns.stream().map(c -> c.cell().apply(row)).toList());
        }
        writer.flush();
    }

    private static void line(Writer writer, List<Object> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(field(cells.get(i)));
        }
        writer.write("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
