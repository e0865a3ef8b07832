package io.orderflow.api;

import io.javalin.security.RouteRole;
import io.orderflow.avro.Role;
import java.util.Set;

/**
 * The roles both apps' routes are guarded with; each is one role of the contract (the key file's). Who may do what
 * is declared once, in the sets below: the gateway's writes, the query API's reads and the questions one query
 * instance asks another on a caller's behalf are all guarded with them, so that a role means the same at every door.
 */
public enum ApiRole implements RouteRole {
    SALES(Role.SALES),
    REVIEWER(Role.REVIEWER),
    WAREHOUSE(Role.WAREHOUSE),
    LOGISTICS(Role.LOGISTICS),
    SERVICE(Role.SERVICE),
    ANALYST(Role.ANALYST),
    ADMIN(Role.ADMIN),
    /** An e-commerce platform: enters orders like the order desk, reads only the orders it placed itself. */
    PLATFORM(Role.PLATFORM);

    /** Placing, amending, submitting, cancelling, paying and returning orders, and importing them. */
    public static final ApiRole[] ORDER_DESK = {SALES, PLATFORM, ADMIN};
    /** The second pair of eyes: approvals and refusals. */
    public static final ApiRole[] REVIEWERS = {REVIEWER, ADMIN};
    /** Completing an order: its desk or its reviewer. */
    public static final ApiRole[] CLOSERS = {SALES, PLATFORM, REVIEWER, ADMIN};
    /** Shipping, delivering and receiving returns; products and stock movements. */
    public static final ApiRole[] WAREHOUSE_STAFF = {WAREHOUSE, ADMIN};
    /** Service appointments and their results. */
    public static final ApiRole[] SERVICE_STAFF = {SERVICE, ADMIN};
    /** A carrier's tracking scans (signed, its own carrier only). */
    public static final ApiRole[] CARRIERS = {LOGISTICS};

    /** Order desks, the warehouse, service and analysts: stock, alerts and the live stream. */
    public static final ApiRole[] STAFF = {SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN};
    /** An order's alerts: whoever reads the order with them (a platform reads its orders without). */
    public static final ApiRole[] ORDER_READERS = {SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN, LOGISTICS};
    /** A single order: the staff, a logistics partner and a platform (masked; a platform only its own). */
    public static final ApiRole[] ONE_ORDER = {SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN, LOGISTICS, PLATFORM};
    /** Order lists and histories: the staff and a platform (only its own). */
    public static final ApiRole[] ORDERS = {SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN, PLATFORM};
    /** Sales figures and reports. */
    public static final ApiRole[] ANALYTICS = {SALES, REVIEWER, ANALYST, ADMIN};
    /** Who owns what. */
    public static final ApiRole[] OPERATIONS = {ANALYST, ADMIN};

    private final Role role;

    ApiRole(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }

    /** Whether {@code role} is among {@code roles} (a route's, or a set above); roles of another kind never are. */
    public static boolean allows(Set<? extends RouteRole> roles, Role role) {
        return roles.stream().anyMatch(r -> r instanceof ApiRole api && api.role == role);
    }
}
