package io.orderflow.api;

import io.javalin.security.RouteRole;
import io.orderflow.avro.Role;
import java.util.Set;

/**
 * The roles both apps' routes are guarded with; each is one role of the contract (the key file's). Who may do what
 * is declared once, in the immutable sets below: the gateway's writes, the query API's reads and the questions one query
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
    public static final Set<ApiRole> ORDER_DESK = Set.of(SALES, PLATFORM, ADMIN);
    /** The second pair of eyes: approvals and refusals. */
    public static final Set<ApiRole> REVIEWERS = Set.of(REVIEWER, ADMIN);
    /** Completing an order: its desk or its reviewer. */
    public static final Set<ApiRole> CLOSERS = Set.of(SALES, PLATFORM, REVIEWER, ADMIN);
    /** Looking after an open order: rescheduling its delivery, holding and releasing it, handing it on. */
    public static final Set<ApiRole> ORDER_HANDLERS = Set.of(SALES, PLATFORM, REVIEWER, ADMIN);
    /** Noting an exception on an order: whoever works on orders (analysts read only). */
    public static final Set<ApiRole> NOTE_TAKERS = Set.of(SALES, PLATFORM, REVIEWER, WAREHOUSE, SERVICE, ADMIN);
    /** Shipping, delivering and receiving returns; products and stock movements. */
    public static final Set<ApiRole> WAREHOUSE_STAFF = Set.of(WAREHOUSE, ADMIN);
    /** Service appointments and their results. */
    public static final Set<ApiRole> SERVICE_STAFF = Set.of(SERVICE, ADMIN);
    /** A carrier's tracking scans (signed, its own carrier only). */
    public static final Set<ApiRole> CARRIERS = Set.of(LOGISTICS);

    /** Writing customer records (names, classes, default terms, credit limits): master data, administrators only. */
    public static final Set<ApiRole> CUSTOMER_KEEPERS = Set.of(ADMIN);
    /** Reading customer records: whoever deals with customers' orders (personal data masked by role as on orders). */
    public static final Set<ApiRole> CUSTOMER_READERS = Set.of(SALES, REVIEWER, ANALYST, ADMIN);

    /** Order desks, the warehouse, service and analysts: stock, alerts and the live stream. */
    public static final Set<ApiRole> STAFF = Set.of(SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN);
    /** An order's alerts: whoever reads the order with them (a platform reads its orders without). */
    public static final Set<ApiRole> ORDER_READERS = Set.of(SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN, LOGISTICS);
    /** A single order: the staff, a logistics partner and a platform (masked; a platform only its own). */
    public static final Set<ApiRole> ONE_ORDER = Set.of(SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN, LOGISTICS, PLATFORM);
    /** Order lists and histories: the staff and a platform (only its own). */
    public static final Set<ApiRole> ORDERS = Set.of(SALES, REVIEWER, WAREHOUSE, SERVICE, ANALYST, ADMIN, PLATFORM);
    /** Sales figures and reports. */
    public static final Set<ApiRole> ANALYTICS = Set.of(SALES, REVIEWER, ANALYST, ADMIN);
    /** Who owns what. */
    public static final Set<ApiRole> OPERATIONS = Set.of(ANALYST, ADMIN);

    private final Role role;

    ApiRole(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }

    /**
     * The roles of a route guarded by {@code allowed}, one of the sets above: a fresh array each time, for Javalin's
     * {@code RouteRole...}; the sets themselves are immutable, so that no caller can widen who may do what.
     */
    public static RouteRole[] roles(Set<ApiRole> allowed) {
        return allowed.toArray(RouteRole[]::new);
    }

    /** Whether {@code role} is among {@code roles} (a route's, or a set above); roles of another kind never are. */
    public static boolean allows(Set<? extends RouteRole> roles, Role role) {
        return roles.stream().anyMatch(r -> r instanceof ApiRole api && api.role == role);
    }
}
