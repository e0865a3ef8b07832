package io.orderflow.streams.query.service;

import io.orderflow.api.Principal;
import io.orderflow.avro.Role;
import io.orderflow.streams.query.view.Audience;

/**
 * Whom a query is answered for: personal data in full or masked ({@code audience}), and for an e-commerce platform
 * ({@code platform}, its principal id) only the orders it placed itself, without their alerts. {@code apiKey} is the
 * key the caller showed: it goes with every question to another instance, which works all of this out again from the
 * key rather than take the asking instance's word for it. Never printed.
 */
public record Caller(Audience audience, String platform, String apiKey) {

    /** {@code principal}, who showed {@code apiKey}. */
    public static Caller of(Principal principal, String apiKey) {
        return new Caller(Audience.of(principal.role()),
                principal.role() == Role.PLATFORM ? principal.id() : null, apiKey);
    }

    /** Whether the alert store is open to the caller: not to a platform, so that every instance answers it alike. */
    public boolean seesAlerts() {
        return platform == null;
    }

    @Override
    public String toString() {
        return "Caller[" + audience + (platform == null ? "" : ", platform " + platform) + "]";
    }
}
