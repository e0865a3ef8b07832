package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.export.Format;
import io.orderflow.streams.query.export.Tables;
import io.orderflow.streams.query.service.OrderFilter;
import io.orderflow.streams.query.service.OrderQueries;
import io.orderflow.streams.query.service.Paging;
import io.orderflow.streams.query.service.QueryException;
import io.orderflow.streams.query.state.Merged;
import io.orderflow.streams.query.view.Audience;
import io.orderflow.streams.query.view.Views;
import java.util.Arrays;
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

    public void order(Context ctx) {
        Audience audience = Audience.of(Authentication.principal(ctx).role());
        var lookup = orders.order(ctx.pathParam("id"), Params.read(ctx), Params.status(ctx, "waitFor"), Params.timeout(ctx));
        ctx.future(() -> answers.keyed(ctx, lookup, "order",
                order -> orders.view(order, audience, Answers.forward(ctx))));
    }

    public void history(Context ctx) {
        Authentication.principal(ctx);
        var lookup = orders.order(ctx.pathParam("id"), Params.read(ctx), Params.status(ctx, "waitFor"), Params.timeout(ctx));
        ctx.future(() -> answers.keyed(ctx, lookup, "order",
                order -> CompletableFuture.completedFuture(ListBody.of(Views.history(order)))));
    }

    /**
     * Newest first, {@code limit} per page (default {@value #DEFAULT_LIMIT}), {@code cursor} from
     * the previous page. An export holds every matching order unless a limit is given.
     */
    public void list(Context ctx) {
        Audience audience = Audience.of(Authentication.principal(ctx).role());
        OrderFilter filter = new OrderFilter(Params.statuses(ctx), Params.optional(ctx, "customer").orElse(null),
                Params.upperOneOf(ctx, "channel", Arrays.stream(io.orderflow.avro.Channel.values()).map(Enum::name).toList())
                        .orElse(null),
                Params.date(ctx, "from").orElse(null), Params.date(ctx, "to").orElse(null));
        if (Answers.local(ctx)) {
            Answers.slices(ctx, orders.here(filter, audience, Answers.standbyAllowed(ctx)));
            return;
        }
        Format format = Answers.format(ctx);
        boolean paged = format == Format.JSON || ctx.queryParam("limit") != null;
        int limit = paged ? Params.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT) : Integer.MAX_VALUE;
        String cursor = ctx.queryParam("cursor");
        if (cursor != null && cursor.isBlank()) {
            throw new QueryException.Invalid("cursor", "empty");
        }
        ctx.future(() -> orders.list(filter, audience, Answers.forward(ctx)).thenAccept(found -> {
            Merged<Views.OrderView> all = Answers.value(found, "orders");
            Answers.standbyLag(ctx, all);
            Paging.Page page = Paging.page(all.items(), cursor, limit);
            if (format == Format.JSON) {
                ctx.json(new ListBody<>(page.items(), page.nextCursor()));
            } else {
                Answers.export(ctx, format, "orders", Tables.ORDERS, page.items());
            }
        }));
    }
}
