package io.orderflow.gateway.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import io.orderflow.api.ApiKeys;
import io.orderflow.gateway.service.GatewayException;
import io.orderflow.api.Principal;
import java.util.Locale;
import java.util.Set;

/**
 * Before every matched route that names roles: the bearer API key must be known and its principal's role among
 * the route's. Routes without roles (health, metrics, the OpenAPI document) are open.
 */
public final class Authentication {

    private static final String PRINCIPAL = "orderflow.principal";

    private final ApiKeys keys;

    public Authentication(ApiKeys keys) {
        this.keys = keys;
    }

    public void authenticate(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw new GatewayException.Unauthenticated("send Authorization: Bearer <api key>");
        }
        Principal principal = keys.principalOf(header.substring("bearer ".length()).trim())
                .orElseThrow(() -> new GatewayException.Unauthenticated("unknown API key"));
        boolean allowed = roles.stream().anyMatch(r -> r instanceof ApiRole a && a.role() == principal.role());
        if (!allowed) {
            throw new GatewayException.Forbidden(
                    "role " + principal.role().name().toLowerCase(Locale.ROOT) + " may not do this");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    /** The caller of a route guarded by {@link #authenticate}. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new GatewayException.Unauthenticated("send Authorization: Bearer <api key>");
        }
        return principal;
    }
}
