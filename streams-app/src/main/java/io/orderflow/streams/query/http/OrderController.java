package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.query.export.Format;
import io.orderflow.streams.query.export.Tables;
import io.orderflow.streams.query.service.Caller;
import io.orderflow.streams.query.service.OrderFilter;
import io.orderflow.streams.query.service.OrderKey;
import io.orderflow.streams.query.service.OrderQueries;
import io.orderflow.streams.query.service.Paging;
import io.orderflow.streams.query.service.QueryException;
import io.orderflow.streams.query.service.Streamed;
import io.orderflow.streams.query.view.Views;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code GET /v1/orders/{id}}, {@code /v1/orders/{id}/history} and {@code /v1/orders}. */
public final class OrderController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final OrderQueries orders;
    private final Answers answers;

    public OrderController(OrderQueries orders, Answers answers) {
        this.orders = orders;
        this.answers = answers;
    }

    /** Another platform's order answers as no order at all, so that order ids cannot be probed. */
    public void order(Context ctx) {
        Answers.keyed(ctx, orders.view(key(ctx), Authentication.caller(ctx)), "order", CompletableFuture::completedFuture);
    }

    public void history(Context ctx) {
        Answers.keyed(ctx, orders.history(key(ctx), Authentication.caller(ctx)), "order",
                history -> CompletableFuture.completedFuture(ListBody.of(history)));
    }

    /** The order of the path, read after the write of the request's token or once it has {@code ?waitFor=}. */
    private static OrderKey key(Context ctx) {
        return OrderKey.of(ctx.pathParam("id"), Params.after(ctx), Params.status(ctx, "waitFor"), Params.timeout(ctx));
    }

    /**
     * Newest first, {@code limit} per page (default {@value #DEFAULT_LIMIT}), {@code cursor} from
     * the previous page. An export holds every matching order after {@code cursor} (at most
     * {@code limit} when given), streamed. A platform lists only the orders it placed.
     */
    public void list(Context ctx) {
        Caller caller = Authentication.caller(ctx);
        OrderFilter filter = new OrderFilter(Params.statuses(ctx), Params.optional(ctx, "customer").orElse(null),
                Params.upperOneOf(ctx, "channel", Arrays.stream(io.orderflow.avro.Channel.values()).map(Enum::name).toList())
                        .orElse(null),
                Params.date(ctx, "from").orElse(null), Params.date(ctx, "to").orElse(null), null);
        Format format = Answers.format(ctx);
        boolean paged = format == Format.JSON || ctx.queryParam("limit") != null;
        int limit = paged ? Params.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT) : Integer.MAX_VALUE;
        Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor"));
        if (cursor.isPresent() && cursor.get().isBlank()) {
            throw new QueryException.Invalid("cursor", "empty");
        }
        cursor.ifPresent(Paging.ORDERS::after);
        int pageSize = paged ? Math.min(limit + 1, answers.pageSize()) : answers.pageSize();
        var streamed = answers.afterWrite(ctx, OrderLifecycleTopology.ORDERS_STORE,
                () -> orders.list(filter, caller, cursor, pageSize));
        answers.respond(ctx, format, streamed, found -> {
            Streamed<Views.OrderView> rows = Answers.value(found, "orders");
            Answers.standbyLag(ctx, rows.standbyLag());
            Iterator<Views.OrderView> page = limited(rows, limit);
            if (format == Format.JSON) {
                List<Views.OrderView> items = new ArrayList<>();
                page.forEachRemaining(items::add);
                String next = rows.hasNext() && !items.isEmpty()
                        ? Paging.ORDERS.positionOf(items.get(items.size() - 1)) : null;
                ctx.json(new ListBody<>(items, next));
            } else {
                Answers.export(ctx, format, "orders", Tables.ORDERS, page);
            }
        });
    }

    private static <T> Iterator<T> limited(Iterator<T> rows, int limit) {
        return new Iterator<>() {
            private int left = limit;

            @Override
            public boolean hasNext() {
                return left > 0 && rows.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                left--;
                return rows.next();
            }
        };
    }
}
