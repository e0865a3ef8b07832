package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import io.orderflow.api.ApiKeys;
import io.orderflow.api.Principal;
import io.orderflow.streams.query.service.Caller;
import io.orderflow.streams.query.service.QueryException;
import java.util.Locale;
import java.util.Set;

/**
 * Before every matched route that names roles: the gateway's API key as {@code Authorization:
 * Bearer <key>}, its principal's role among the route's. The live stream alone also takes
 * {@code ?key=}, because a browser's EventSource cannot set headers. Routes without roles
 * (health, metrics, OpenAPI, the dashboard's files) are open.
 */
public final class Authentication {

    static final String STREAM_PATH = "/v1/stream";
    private static final String PRINCIPAL = "orderflow.principal";
    private static final String CALLER = "orderflow.caller";

    private final ApiKeys keys;

    public Authentication(ApiKeys keys) {
        this.keys = keys;
    }

    public void authenticate(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        String key = bearer(ctx.header("Authorization"));
        if (key == null && STREAM_PATH.equals(ctx.path())) {
            key = ctx.queryParam("key");
        }
        if (key == null) {
            throw new QueryException.Unauthenticated("send Authorization: Bearer <api key>");
        }
        Principal principal = keys.principalOf(key)
                .orElseThrow(() -> new QueryException.Unauthenticated("unknown API key"));
        if (!ReadRole.allows(roles, principal.role())) {
            throw new QueryException.Forbidden("role " + principal.role().name().toLowerCase(Locale.ROOT) + " may not read this");
        }
        ctx.attribute(PRINCIPAL, principal);
        ctx.attribute(CALLER, Caller.of(principal, key));
    }

    private static String bearer(String header) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return null;
        }
        return header.substring("bearer ".length()).trim();
    }

    /** The caller of a route guarded by {@link #authenticate}. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new QueryException.Unauthenticated("send Authorization: Bearer <api key>");
        }
        return principal;
    }

    /** The same caller as the query services answer it, with the key it showed (which peers check again). */
    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new QueryException.Unauthenticated("send Authorization: Bearer <api key>");
        }
        return caller;
    }
}
