package io.orderflow.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.orderflow.api.Authentication;
import io.orderflow.avro.StockMovementType;
import io.orderflow.gateway.api.RequestReader;
import io.orderflow.gateway.service.CatalogService;

/** {@code PUT /v1/products/{sku}}, {@code POST /v1/stock/{sku}/receipts} and {@code .../adjustments}. */
public final class CatalogController {

    private final CatalogService catalog;

    public CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    public void putProduct(Context ctx) {
        String sku = RequestReader.pathId("sku", ctx.pathParam("sku"));
        JsonNode body = Bodies.json(ctx);
        Answers.accepted(ctx, catalog.putProduct(
                Authentication.principal(ctx), sku, RequestReader.product(body), Bodies.meta(ctx, body)));
    }

    public void receipt(Context ctx) {
        String sku = RequestReader.pathId("sku", ctx.pathParam("sku"));
        JsonNode body = Bodies.json(ctx);
        Answers.accepted(ctx, catalog.moveStock(Authentication.principal(ctx), sku, StockMovementType.RECEIPT,
                RequestReader.receipt(body), Bodies.meta(ctx, body)));
    }

    public void adjustment(Context ctx) {
        String sku = RequestReader.pathId("sku", ctx.pathParam("sku"));
        JsonNode body = Bodies.json(ctx);
        Answers.accepted(ctx, catalog.moveStock(Authentication.principal(ctx), sku, StockMovementType.ADJUSTMENT,
                RequestReader.adjustment(body), Bodies.meta(ctx, body)));
    }
}
