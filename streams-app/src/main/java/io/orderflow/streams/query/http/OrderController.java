package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.query.export.Format;
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
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/orders/{id}}, {@code /v1/orders/{id}/history}, {@code /v1/orders/{id}/refusals}, {@code /v1/orders}
 * and the monthly archive's {@code /v1/archive?month=}.
 */
public final class OrderController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    private static final List<String> PAYMENT_STATUSES = Arrays.stream(io.orderflow.avro.PaymentStatus.values())
            .map(Enum::name).filter(name -> !name.equals("UNKNOWN")).toList();

    private final OrderQueries orders;
    private final Answers answers;

    public OrderController(OrderQueries orders, Answers answers) {
        this.orders = orders;
        this.answers = answers;
    }

    /** Another platform's order answers as no order at all, so that order ids cannot be probed. */
    public void order(Context ctx) {
        Answers.keyed(ctx, orders.view(key(ctx), Callers.of(ctx)), "order", CompletableFuture::completedFuture);
    }

    public void history(Context ctx) {
        Answers.keyed(ctx, orders.history(key(ctx), Callers.of(ctx)), "order",
                history -> CompletableFuture.completedFuture(ListBody.of(history)));
    }

    /**
     * The commands the streams app refused for the order (the latest 20, newest first), kept with it: who, role,
     * when, the command, the reason code and text, the status it stayed in. Read after the write of the request's
     * token, so that a command just refused is among them.
     */
    public void refusals(Context ctx) {
        Answers.keyed(ctx, orders.refusals(key(ctx), Callers.of(ctx)), "order",
                refusals -> CompletableFuture.completedFuture(ListBody.of(refusals)));
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
        Caller caller = Callers.of(ctx);
        OrderFilter filter = new OrderFilter(Params.statuses(ctx), Params.optional(ctx, "customer").orElse(null),
                Params.upperOneOf(ctx, "channel", Arrays.stream(io.orderflow.avro.Channel.values()).map(Enum::name).toList())
                        .orElse(null),
                Params.date(ctx, "from").orElse(null), Params.date(ctx, "to").orElse(null), null,
                Params.optional(ctx, "owner").map(String::trim).orElse(null),
                Params.upperOneOf(ctx, "paymentStatus", PAYMENT_STATUSES).orElse(null),
                Params.optional(ctx, "sku").map(String::trim).orElse(null));
        Format format = Exports.format(ctx);
        ListPage asked = ListPage.of(ctx, format, DEFAULT_LIMIT, MAX_LIMIT, Paging.ORDERS);
        Exports.OrderFile file = Exports.orderFile(ctx);
        int pageSize = asked.rowsPerPartition(answers.pageSize());
        var streamed = answers.afterWrite(ctx, OrderLifecycleTopology.ORDERS_STORE,
                () -> orders.list(filter, caller, asked.cursor(), pageSize));
        answers.respond(ctx, format, streamed, found -> {
            Streamed<Views.OrderView> rows = Outcomes.value(found, "orders");
            Outcomes.standbyLag(ctx, rows.standbyLag());
            Iterator<Views.OrderView> page = asked.of(rows);
            if (format == Format.JSON) {
                List<Views.OrderView> items = new ArrayList<>();
                page.forEachRemaining(items::add);
                ctx.json(new ListBody<>(items, ListPage.next(items, rows, Paging.ORDERS)));
            } else {
                file.write(ctx, format, page);
            }
        });
    }

    /**
     * The orders archived under {@code ?month=} (yyyy-MM, required: the month they finished in), newest first and
     * paged like {@code /v1/orders}; as a file, the source's 历史订单档案 sheet, in the layouts and header languages of
     * the order exports. A platform lists only the orders it placed.
     */
    public void archive(Context ctx) {
        Caller caller = Callers.of(ctx);
        String month = Params.month(ctx).orElseThrow(() -> new QueryException.Invalid("month", "a month YYYY-MM"));
        Format format = Exports.format(ctx);
        ListPage asked = ListPage.of(ctx, format, DEFAULT_LIMIT, MAX_LIMIT, Paging.ORDERS);
        Exports.OrderFile file = Exports.orderFile(ctx);
        int pageSize = asked.rowsPerPartition(answers.pageSize());
        answers.respond(ctx, format, orders.archived(month, caller, asked.cursor(), pageSize), found -> {
            Streamed<Views.OrderView> rows = Outcomes.value(found, "archive");
            Outcomes.standbyLag(ctx, rows.standbyLag());
            Iterator<Views.OrderView> page = asked.of(rows);
            if (format == Format.JSON) {
                List<Views.OrderView> items = new ArrayList<>();
                page.forEachRemaining(items::add);
                ctx.json(new ListBody<>(items, ListPage.next(items, rows, Paging.ORDERS)));
            } else {
                file.write(ctx, format, "archive-" + month, Exports.ARCHIVE_SHEET, page);
            }
        });
    }
}
