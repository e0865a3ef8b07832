package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.export.Tables;
import io.orderflow.streams.query.service.StockQueries;
import io.orderflow.streams.stock.StockTopology;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/stock/{sku}} and {@code GET /v1/stock?belowReorder=true}; with a consistency
 * token, once the SKU's stock reflects that write (an order's approval or a stock movement).
 */
public final class StockController {

    private final StockQueries stock;
    private final Answers answers;

    public StockController(StockQueries stock, Answers answers) {
        this.stock = stock;
        this.answers = answers;
    }

    public void sku(Context ctx) {
        var lookup = answers.afterWrite(ctx, StockTopology.STOCK_STORE,
                () -> stock.stock(ctx.pathParam("sku"), Callers.of(ctx)));
        Answers.keyed(ctx, lookup, "stock", CompletableFuture::completedFuture);
    }

    /** {@code GET /v1/products}: the catalog, {@code {items}} by SKU. */
    public void products(Context ctx) {
        ctx.json(ListBody.of(stock.products()));
    }

    public void list(Context ctx) {
        boolean below = Params.oneOf(ctx, "belowReorder", java.util.List.of("true", "false")).map(Boolean::parseBoolean)
                .orElse(false);
        Exports.format(ctx);
        var rows = answers.afterWrite(ctx, StockTopology.STOCK_STORE, () -> stock.list(below, Callers.of(ctx)));
        answers.list(ctx, rows, "stock", Tables.STOCK);
    }
}
