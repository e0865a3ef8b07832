package io.orderflow.streams.query.http;

import io.javalin.security.RouteRole;
import io.orderflow.avro.Role;
import java.util.Set;

/** The roles query routes are guarded with; each is one role of the contract (the gateway's keys). */
public enum ReadRole implements RouteRole {
    SALES(Role.SALES),
    REVIEWER(Role.REVIEWER),
    WAREHOUSE(Role.WAREHOUSE),
    LOGISTICS(Role.LOGISTICS),
    SERVICE(Role.SERVICE),
    ANALYST(Role.ANALYST),
    ADMIN(Role.ADMIN),
    /** An e-commerce platform: the orders it placed itself, nothing else. */
    PLATFORM(Role.PLATFORM);

    /** Order desks, the warehouse, service and analysts: orders, stock, alerts and the live stream. */
    static final ReadRole[] STAFF = {SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN};
    /** A single order may also be read by a logistics partner (personal data masked). */
    static final ReadRole[] ORDER_READERS = {SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN, LOGISTICS};
    /** Sales figures and reports. */
    static final ReadRole[] ANALYTICS = {SALES, REVIEWER, ANALYST, ADMIN};
    /** Who owns what. */
    static final ReadRole[] OPERATIONS = {ANALYST, ADMIN};

    private final Role role;

    ReadRole(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }

    static boolean allows(Set<RouteRole> roles, Role role) {
        return roles.stream().anyMatch(r -> r instanceof ReadRole read && read.role == role);
    }
}
