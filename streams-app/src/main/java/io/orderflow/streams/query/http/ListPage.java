package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.export.Format;
import io.orderflow.streams.query.service.Ordering;
import io.orderflow.streams.query.service.QueryException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Which part of a paged list a client asks for: JSON in pages of {@code ?limit=} rows, an export whole (or its first
 * {@code ?limit=} rows when given), from strictly after {@code ?cursor=}, a cursor of the list's order this API gave
 * out (else a 400 naming it).
 */
record ListPage(boolean paged, int limit, Optional<String> cursor) {

    /** What {@code ctx} asks of a list in {@code ordering}, {@code defaultLimit} rows a page unless it says. */
    static ListPage of(Context ctx, Format format, int defaultLimit, int maxLimit, Ordering<?> ordering) {
        boolean paged = format == Format.JSON || ctx.queryParam("limit") != null;
        int limit = paged ? Params.limit(ctx, defaultLimit, maxLimit) : Integer.MAX_VALUE;
        Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor"));
        if (cursor.isPresent() && cursor.get().isBlank()) {
            throw new QueryException.Invalid("cursor", "empty");
        }
        cursor.ifPresent(ordering::after);
        return new ListPage(paged, limit, cursor);
    }

    /**
     * Rows to ask of each partition at a time, at most {@code pageSize}: a page's {@code limit}, and one more to know
     * whether there is a next page.
     */
    int rowsPerPartition(int pageSize) {
        return paged ? Math.min(limit + 1, pageSize) : pageSize;
    }

    /** The rows of this page: at most {@code limit} of {@code rows}, which stay where the page ends. */
    <T> Iterator<T> of(Iterator<T> rows) {
        return new Iterator<>() {
            private int left = limit;

            @Override
            public boolean hasNext() {
                return left > 0 && rows.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                left--;
                return rows.next();
            }
        };
    }

    /** The cursor of the page after {@code items} when {@code rows} (read up to its end) has more; else none. */
    static <T> String next(List<T> items, Iterator<T> rows, Ordering<T> ordering) {
        return rows.hasNext() && !items.isEmpty() ? ordering.positionOf(items.get(items.size() - 1)) : null;
    }
}
