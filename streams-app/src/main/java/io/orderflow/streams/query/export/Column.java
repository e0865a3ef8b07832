package io.orderflow.streams.query.export;

import java.util.function.Function;

/** One column of an export: its header and how a row gives its cell (a String, a number, a date or null). */
public record Column<R>(String header, Function<R, Object> cell) {

    public static <R> Column<R> of(String header, Function<R, Object> cell) {
        return new Column<>(header, cell);
    }
}
