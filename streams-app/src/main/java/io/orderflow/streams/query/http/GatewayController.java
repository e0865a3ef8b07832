package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.service.Gateway;
import io.orderflow.streams.query.service.QueryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /gateway/v1/orders...} and {@code /gateway/v1/stock/{sku}/receipts|adjustments}: the order desk's commands,
 * passed to the ingest gateway and its answer passed back ({@link Gateway}). Only these gateway routes are reached
 * this way, by their exact shape; the caller's key must be known here first, and the gateway judges it again.
 */
public final class GatewayController {

    public static final String PREFIX = "/gateway";
    /**
     * The gateway's routes the desk uses: placing, amending, one action on one order; a stock receipt or stocktake
     * adjustment of one SKU.
     */
    private static final Pattern DESK_ROUTE = Pattern.compile(
            "/v1/orders(/[A-Za-z0-9_.:-]{1,64}(/[a-z-]{1,32})?)?|/v1/stock/[A-Za-z0-9_.:-]{1,64}/(receipts|adjustments)");

    private final Gateway gateway;

    public GatewayController(Gateway gateway) {
        this.gateway = gateway;
    }

    public void relay(Context ctx) {
        String path = ctx.path().substring(PREFIX.length());
        if (!DESK_ROUTE.matcher(path).matches() || path.contains("..")) {
            throw new QueryException.NotFound("no gateway route " + path);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach(headers::put);
        Gateway.Command command = new Gateway.Command(ctx.method().name(), path, ctx.bodyAsBytes(), headers);
        ctx.future(() -> gateway.send(command).thenAccept(answer -> {
            ctx.status(answer.status());
            answer.headers().forEach(ctx::header);
            ctx.result(answer.body());
        }));
    }
}
