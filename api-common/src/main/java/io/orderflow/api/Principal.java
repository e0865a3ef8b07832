package io.orderflow.api;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Role;
import java.util.Objects;

/**
 * Who calls: the principal an API key stands for, its role and, for a logistics partner, its carrier and the
 * secret it signs webhooks with (null where it is not known: the query API reads no webhook; the gateway refuses to
 * start without every partner's, {@link ApiKeys#requireWebhookSecrets()}).
 */
public record Principal(String id, Role role, String carrier, String webhookSecret) {

    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        if (role == Role.LOGISTICS && carrier == null) {
            throw new IllegalArgumentException("a logistics partner needs a carrier: " + id);
        }
    }

    public static Principal of(String id, Role role) {
        return new Principal(id, role, null, null);
    }

    public Actor actor() {
        return new Actor(id, role);
    }

    @Override
    public String toString() {
        return "Principal[" + id + ", " + role + (carrier == null ? "" : ", " + carrier) + "]";
    }
}
