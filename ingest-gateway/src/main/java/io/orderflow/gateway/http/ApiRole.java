package io.orderflow.gateway.http;

import io.javalin.security.RouteRole;
import io.orderflow.avro.Role;

/** The roles routes are guarded with; each is one role of the contract. */
public enum ApiRole implements RouteRole {
    SALES(Role.SALES),
    REVIEWER(Role.REVIEWER),
    WAREHOUSE(Role.WAREHOUSE),
    LOGISTICS(Role.LOGISTICS),
    SERVICE(Role.SERVICE),
    ANALYST(Role.ANALYST),
    ADMIN(Role.ADMIN),
    PLATFORM(Role.PLATFORM);

    private final Role role;

    ApiRole(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }
}
