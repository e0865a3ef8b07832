package io.orderflow.gateway.ledger;

import java.util.List;

/**
 * A table read from a CSV or XLSX file: the header row and the data rows, each with its line (CSV) or row (XLSX)
 * number as the user sees it, so that problems point at the right place.
 */
public record Sheet(List<String> header, List<Row> rows) {

    public record Row(int line, List<String> cells) {

        public String cell(int column) {
            return column < 0 || column >= cells.size() ? null : cells.get(column);
        }

        public boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }
}
