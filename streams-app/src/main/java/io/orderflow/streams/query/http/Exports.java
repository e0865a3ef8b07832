package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.export.Column;
import io.orderflow.streams.query.export.CsvWriter;
import io.orderflow.streams.query.export.Format;
import io.orderflow.streams.query.export.Headers;
import io.orderflow.streams.query.export.XlsxWriter;
import io.orderflow.streams.query.service.QueryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/** Lists and reports as a client asks for them ({@code ?format=}, else {@code Accept}), files written row by row. */
final class Exports {

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
     * {@code rows} as the download {@code name}.csv or .xlsx, written as they are read; the headers in the language of
     * {@code ?lang=} ({@code en}, the default, or {@code zh}).
     */
    static <T> void write(Context ctx, Format format, String name, List<Column<T>> columns, Iterator<T> rows) {
        columns = Headers.in(Params.oneOf(ctx, "lang", Headers.LANGUAGES).orElse("en"), columns);
        ctx.contentType(format.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"");
        try {
            if (format == Format.CSV) {
                CsvWriter.write(ctx.outputStream(), columns, rows);
            } else {
                XlsxWriter.write(ctx.outputStream(), name, columns, rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
