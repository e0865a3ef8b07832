package io.orderflow.gateway.service;

import io.orderflow.api.Principal;

/** The idempotency keys, by what makes a request unique. */
final class Keys {

    /** A client's order id: unique across all clients. */
    static final String ORDER = "order:";
    /** A partner's scan event id, per carrier. */
    static final String SCAN = "scan:";
    /** A client's Idempotency-Key, per principal. */
    static final String CLIENT = "key:";

    private Keys() {
    }

    static String order(String orderId) {
        return ORDER + orderId;
    }

    static String scan(String carrier, String eventId) {
        return SCAN + carrier + ":" + eventId;
    }

    static String client(Principal principal, String idempotencyKey) {
        return CLIENT + principal.id() + ":" + idempotencyKey;
    }
}
