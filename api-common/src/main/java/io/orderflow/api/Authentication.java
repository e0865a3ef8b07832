package io.orderflow.api;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Set;

/**
 * Before every matched route that names roles, at both apps: the API key as {@code Authorization: Bearer <key>}
 * must be known ({@link ApiKeys}, else 401) and its principal's role among the route's ({@link ApiRole}, else 403).
 * Routes without roles (health, metrics, OpenAPI, the dashboard's files) are open. One path may also take the key
 * as {@code ?key=}: the query API's live stream, because a browser's EventSource cannot set headers.
 */
public final class Authentication {

    private static final String PRINCIPAL = "orderflow.principal";
    private static final String KEY = "orderflow.key";
    private static final String ASK_FOR_KEY = "send Authorization: Bearer <api key>";

    private final ApiKeys keys;
    private final String refusal;
    private final String keyParameterPath;

    private Authentication(ApiKeys keys, String refusal, String keyParameterPath) {
        this.keys = keys;
        this.refusal = refusal;
        this.keyParameterPath = keyParameterPath;
    }

    /** Keys from {@code keys}; a role refused is told it {@code "may not " + refused} ("do this", "read this"). */
    public static Authentication of(ApiKeys keys, String refused) {
        return new Authentication(keys, " may not " + refused, null);
    }

    /** This, also taking the key as the query parameter {@code key} on exactly {@code path}. */
    public Authentication keyParameterOn(String path) {
        return new Authentication(keys, refusal, path);
    }

    public void authenticate(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        String key = bearer(ctx.header("Authorization"));
        if (key == null && keyParameterPath != null && keyParameterPath.equals(ctx.path())) {
            key = ctx.queryParam("key");
        }
        if (key == null) {
            throw new ApiException(401, ASK_FOR_KEY);
        }
        Principal principal = keys.principalOf(key).orElseThrow(() -> new ApiException(401, "unknown API key"));
        if (!ApiRole.allows(roles, principal.role())) {
            throw new ApiException(403, "role " + principal.role().name().toLowerCase(Locale.ROOT) + refusal);
        }
        ctx.attribute(PRINCIPAL, principal);
        ctx.attribute(KEY, key);
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
            throw new ApiException(401, ASK_FOR_KEY);
        }
        return principal;
    }

    /** The key that caller showed (which a query instance shows again to the peer it asks on the caller's behalf). */
    public static String key(Context ctx) {
        String key = ctx.attribute(KEY);
        if (key == null) {
            throw new ApiException(401, ASK_FOR_KEY);
        }
        return key;
    }
}
