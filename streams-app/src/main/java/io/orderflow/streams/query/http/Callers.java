package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.api.Authentication;
import io.orderflow.streams.query.service.Caller;

/** The caller of a guarded route as the query services answer it, with the key it showed (which peers check again). */
public final class Callers {

    private static final String CALLER = "orderflow.caller";

    private Callers() {
    }

    /** Who the caller's key stands for, as the order desk shows it and offers its actions: its id and role. */
    public record Me(String id, String role) {
    }

    /** {@code GET /v1/me}: the caller's id and role (lower case, as in an order's history). */
    public static void me(Context ctx) {
        var principal = Authentication.principal(ctx);
        ctx.json(new Me(principal.id(), principal.role().name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** The caller {@link Authentication} let through, worked out once per request. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            caller = Caller.of(Authentication.principal(ctx), Authentication.key(ctx));
            ctx.attribute(CALLER, caller);
        }
        return caller;
    }
}
