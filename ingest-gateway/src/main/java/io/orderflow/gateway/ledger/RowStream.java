package io.orderflow.gateway.ledger;

import java.io.Closeable;
import java.util.List;

/**
 * The rows of a CSV or XLSX table read one at a time, so that a ledger of any length is never held whole: the
 * header first, then each data row as the file yields it. Blank rows are skipped; a table with more data rows than
 * its reader allows fails at the first row past the limit.
 */
public interface RowStream extends Closeable {

    List<String> header();

    /** The next data row that is not blank, or null at the end of the table. */
    Sheet.Row next() throws SheetFormatException;

    /** The rows of a table already in memory. */
    static RowStream of(Sheet sheet) {
        return new RowStream() {
            private int next;

            @Override
            public List<String> header() {
                return sheet.header();
            }

            @Override
            public Sheet.Row next() {
                while (next < sheet.rows().size()) {
                    Sheet.Row row = sheet.rows().get(next++);
                    if (!row.blank()) {
                        return row;
                    }
                }
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
