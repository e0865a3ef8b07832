package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.export.Tables;
import io.orderflow.streams.query.service.StockQueries;
import java.util.concurrent.CompletableFuture;

/** {@code GET /v1/stock/{sku}} and {@code GET /v1/stock?belowReorder=true}. */
public final class StockController {

    private final StockQueries stock;
    private final Answers answers;

    public StockController(StockQueries stock, Answers answers) {
        this.stock = stock;
        this.answers = answers;
    }

    public void sku(Context ctx) {
        var lookup = CompletableFuture.completedFuture(stock.stock(ctx.pathParam("sku"), Params.read(ctx)));
        ctx.future(() -> answers.keyed(ctx, lookup, "stock", CompletableFuture::completedFuture));
    }

    public void list(Context ctx) {
        boolean below = Params.oneOf(ctx, "belowReorder", java.util.List.of("true", "false")).map(Boolean::parseBoolean)
                .orElse(false);
        if (Answers.local(ctx)) {
            Answers.slices(ctx, stock.here(below, Answers.page(ctx, stock.ordering), Answers.standbyAllowed(ctx)));
            return;
        }
        Answers.format(ctx);
        ctx.future(() -> answers.list(ctx, stock.list(below, Answers.forward(ctx)), "stock", Tables.STOCK));
    }
}
