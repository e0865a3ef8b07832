package io.orderflow.streams.query.http;

import io.javalin.security.RouteRole;
import io.orderflow.avro.Role;
import java.util.Set;

/**
 * The roles query routes are guarded with; each is one role of the contract (the gateway's keys). Who may read what
 * is declared once, in the sets below: the public routes are guarded with them, and so is each kind of question one
 * instance asks another on a caller's behalf, so that asking an instance directly reads no more than the routes do.
 */
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

    /** Order desks, the warehouse, service and analysts: stock, alerts and the live stream. */
    public static final ReadRole[] STAFF = {SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN};
    /** An order's alerts: whoever reads the order with them (a platform reads its orders without). */
    public static final ReadRole[] ORDER_READERS = {SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN, LOGISTICS};
    /** A single order: the staff, a logistics partner and a platform (masked; a platform only its own). */
    public static final ReadRole[] ONE_ORDER = {SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN, LOGISTICS, PLATFORM};
    /** Order lists and histories: the staff and a platform (only its own). */
    public static final ReadRole[] ORDERS = {SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN, PLATFORM};
    /** Sales figures and reports. */
    public static final ReadRole[] ANALYTICS = {SALES, REVIEWER, ANALYST, ADMIN};
    /** Who owns what. */
    public static final ReadRole[] OPERATIONS = {ANALYST, ADMIN};

    private final Role role;

    ReadRole(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }

    public static boolean allows(Set<? extends RouteRole> roles, Role role) {
        return roles.stream().anyMatch(r -> r instanceof ReadRole read && read.role == role);
    }
}
