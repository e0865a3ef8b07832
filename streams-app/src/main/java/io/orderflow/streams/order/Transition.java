package io.orderflow.streams.order;

import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Role;
import java.util.Set;

/**
 * One row of the order lifecycle: from a status (null: no order yet), an action by one of the
 * roles, when a condition holds, leads to a status.
 *
 * @param viaStockLedger the target is reached only once the stock ledger has reserved every
 *     goods line; until then the order stays where it is
 */
public record Transition(
        OrderStatus from, Action action, Set<Role> roles, Condition when, OrderStatus to, boolean viaStockLedger) {

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    @Override
    public String toString() {
        return (from == null ? "(new)" : from) + " --" + action + " by " + roles + " when " + when.description()
                + (viaStockLedger ? " and stock reserved" : "") + "--> " + to;
    }
}
