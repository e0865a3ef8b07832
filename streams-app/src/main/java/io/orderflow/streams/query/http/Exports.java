package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.export.Column;
import io.orderflow.streams.query.export.CsvWriter;
import io.orderflow.streams.query.export.Format;
import io.orderflow.streams.query.export.HeaderLanguage;
import io.orderflow.streams.query.export.Headers;
import io.orderflow.streams.query.export.OrderLedgerTable;
import io.orderflow.streams.query.export.Tables;
import io.orderflow.streams.query.export.XlsxWriter;
import io.orderflow.streams.query.service.QueryException;
import io.orderflow.streams.query.view.Views.OrderView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/** Lists and reports as a client asks for them ({@code ?format=}, else {@code Accept}), files written row by row. */
final class Exports {

    /** The sheet of an archive export, named as in the source documents (historical order archive). */
    static final String ARCHIVE_SHEET = "历史订单档案";

    private Exports() {
    }

    /** JSON, CSV or XLSX; anything else a 400 naming {@code format} (a {@code lang} other than en or zh: naming it). */
    static Format format(Context ctx) {
        Format format = Format.of(ctx.queryParam("format"), ctx.header("Accept"));
        if (format == null) {
            throw new QueryException.Invalid("format", "one of json, csv, xlsx");
        }
        Params.oneOf(ctx, "lang", Headers.LANGUAGES); // checked before anything is read, used when written
        return format;
    }

    /**
     * How orders export as files: {@code ?rows=order} (the default) one row per order, its lines summed up in a
     * cell; {@code ?rows=line} the ledger, one row per order line, headed by {@code ?lang=en} (the default) or
     * {@code zh} in the words the ledger import reads (per order, {@code zh} gives every export's Chinese headers,
     * {@link Headers}). Checked before anything is read: a 400 names the field.
     */
    static OrderFile orderFile(Context ctx) {
        String rows = ctx.queryParam("rows");
        boolean perLine = rows != null && rows.trim().equalsIgnoreCase("line");
        if (rows != null && !perLine && !rows.trim().equalsIgnoreCase("order")) {
            throw new QueryException.Invalid("rows", "one of order, line");
        }
        HeaderLanguage language = HeaderLanguage.of(ctx.queryParam("lang"));
        if (language == null) {
            throw new QueryException.Invalid("lang", "one of en, zh");
        }
        return new OrderFile(perLine, language);
    }

    /** An order export's layout and header language (see {@link #orderFile}). */
    record OrderFile(boolean perLine, HeaderLanguage language) {

        void write(Context ctx, Format format, Iterator<OrderView> orders) {
            write(ctx, format, "orders", "orders", orders);
        }

        /** As the download {@code name}, its sheet (XLSX) named {@code sheet}. */
        void write(Context ctx, Format format, String name, String sheet, Iterator<OrderView> orders) {
            if (perLine) {
                Exports.write(ctx, format, name, sheet, OrderLedgerTable.columns(language),
                        OrderLedgerTable.rows(orders));
            } else {
                Exports.write(ctx, format, name, sheet, Tables.ORDERS, orders);
            }
        }
    }

    /**
     * {@code rows} as the download {@code name}.csv or .xlsx, written as they are read; the headers in the language of
     * {@code ?lang=} ({@code en}, the default, or {@code zh}).
     */
    static <T> void write(Context ctx, Format format, String name, List<Column<T>> columns, Iterator<T> rows) {
        write(ctx, format, name, name, columns, rows);
    }

    /** As {@link #write(Context, Format, String, List, Iterator)}, the XLSX sheet named {@code sheet}. */
    static <T> void write(Context ctx, Format format, String name, String sheet, List<Column<T>> columns,
                          Iterator<T> rows) {
        columns = Headers.in(Params.oneOf(ctx, "lang", Headers.LANGUAGES).orElse("en"), columns);
        ctx.contentType(format.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"");
        try {
            if (format == Format.CSV) {
                CsvWriter.write(ctx.outputStream(), columns, rows);
            } else {
                XlsxWriter.write(ctx.outputStream(), sheet, columns, rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
