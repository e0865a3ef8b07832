package io.orderflow.streams.query.export;

import java.util.Locale;

/** How a list or report is answered: JSON (the default), CSV or XLSX. */
public enum Format {
    JSON("application/json", "json"),
    CSV("text/csv; charset=utf-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String contentType;
    private final String extension;

    Format(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** {@code ?format=} wins; else the Accept header; else JSON. Null for a format this API does not write. */
    public static Format of(String parameter, String accept) {
        if (parameter != null && !parameter.isBlank()) {
            return switch (parameter.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> CSV;
                case "xlsx", "excel" -> XLSX;
                default -> null;
            };
        }
        if (accept != null) {
            String a = accept.toLowerCase(Locale.ROOT);
            if (a.contains("text/csv")) {
                return CSV;
            }
            if (a.contains("spreadsheetml")) {
                return XLSX;
            }
        }
        return JSON;
    }
}
