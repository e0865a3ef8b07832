package io.orderflow.streams.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Actor;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Product;
import io.orderflow.avro.Role;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockResult;
import io.orderflow.avro.TrackingStatus;
import io.orderflow.streams.Commands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The transition table through the pure {@link OrderRules#decide}: every row leads where it says
 * for a role it names; every other role is refused for it; every (status, action) pair without a
 * row is refused as an invalid transition and leaves the order as it was.
 */
class TransitionTableTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");
    private static final Map<Role, Actor> ACTORS = new EnumMap<>(Map.of(
            Role.SALES, Commands.SALES, Role.PLATFORM, Commands.PLATFORM, Role.REVIEWER, Commands.REVIEWER,
            Role.WAREHOUSE, Commands.WAREHOUSE, Role.LOGISTICS, Commands.CARRIER_SF, Role.SERVICE, Commands.SERVICE,
            Role.ANALYST, Commands.ANALYST, Role.ADMIN, Commands.ADMIN, Role.SYSTEM, Command.PIPELINE,
            Role.UNKNOWN, new Actor("nobody", Role.UNKNOWN)));

    private final OrderRules rules = new OrderRules(sku -> Optional.of(Product.newBuilder().setSku(sku).setName(sku)
            .setCategory("c").setKind(sku.equals("INSTALL") ? LineKind.SERVICE : LineKind.GOODS)
            .setUpdatedBy(Commands.ADMIN).setUpdatedAt(AT).build()));
    private int sequence;

    // ---------------------------------------------------------------- reaching a status

    private Command command(Actor actor, Object payload) {
        return Command.of(new OrderCommand("c-" + (++sequence), "O-1", actor, AT, payload)).orElseThrow();
    }

    private OrderState accept(OrderState order, Command command) {
        Decision decision = rules.decide(order, command);
        if (decision instanceof Decision.ReserveStock) {
            OrderCommand approval = new OrderCommand(command.commandId(), "O-1", command.actor(), AT,
                    command.payload());
            decision = rules.decide(order, Command.answerTo(approval,
                    new StockResult(command.commandId(), "O-1", true, List.of(), "approval", AT)));
        }
        assertThat(decision).as("%s on %s", command.action(), order == null ? null : order.getStatus())
                .isInstanceOf(Decision.Accepted.class);
        return ((Decision.Accepted) decision).state();
    }

    private OrderState apply(OrderState order, Actor actor, Object payload) {
        return accept(order, command(actor, payload));
    }

    /** An order in {@code status}: a goods order of 3 x A, or a service order. */
    private OrderState reach(OrderStatus status, boolean service) {
        OrderState order = apply(null, Commands.SALES, service
                ? Commands.place(Commands.serviceLine("INSTALL", "50.00"))
                : Commands.place(Commands.line("A", 3, "10.00")));
        switch (status) {
            case PENDING_REVIEW -> {
                return order;
            }
            case RETURNED -> {
                return apply(order, Commands.REVIEWER, Commands.returnForChanges());
            }
            case AWAITING_STOCK -> {
                Command approve = command(Commands.REVIEWER, Commands.approve());
                OrderCommand approval = new OrderCommand(approve.commandId(), "O-1", Commands.REVIEWER, AT,
                        approve.payload());
                return accept(order, Command.answerTo(approval, new StockResult(approve.commandId(), "O-1", false,
                        List.of(new ShipmentLine("A", 3)), "approval", AT)));
            }
            case CANCELLED -> {
                order = apply(order, Commands.SALES, Commands.requestCancellation());
                return apply(order, Commands.REVIEWER, Commands.approveCancellation());
            }
            default -> {
            }
        }
        order = apply(order, Commands.REVIEWER, Commands.approve());
        if (status == OrderStatus.APPROVED) {
            return order;
        }
        if (status == OrderStatus.SERVICE_SCHEDULED) {
            return apply(order, Commands.SERVICE, Commands.scheduleService(AT));
        }
        if (status == OrderStatus.PARTIALLY_SHIPPED) {
            return apply(order, Commands.WAREHOUSE, Commands.ship("SF", "T-1", Commands.units("A", 1)));
        }
        order = apply(order, Commands.WAREHOUSE, Commands.ship("SF", "T-1", Commands.units("A", 3)));
        if (status == OrderStatus.SHIPPED) {
            return order;
        }
        if (status == OrderStatus.IN_TRANSIT) {
            return apply(order, Commands.CARRIER_SF,
                    Commands.scan("e-1", Commands.CARRIER_SF, "SF", "T-1", TrackingStatus.PICKED_UP, AT));
        }
        order = apply(order, Commands.WAREHOUSE, Commands.confirmDelivery());
        order = apply(order, Commands.SALES, Commands.pay("29.99"));
        if (status == OrderStatus.DELIVERED) {
            return order;
        }
        if (status == OrderStatus.COMPLETED) {
            return apply(apply(order, Commands.SALES, Commands.pay("0.01")), Commands.SALES, Commands.complete());
        }
        order = apply(order, Commands.SALES, Commands.requestReturn());
        if (status == OrderStatus.RETURN_REQUESTED) {
            return order;
        }
        if (status == OrderStatus.RETURN_REJECTED) {
            return apply(order, Commands.REVIEWER, Commands.decideReturn(false));
        }
        order = apply(order, Commands.REVIEWER, Commands.decideReturn(true));
        return switch (status) {
            case RETURN_APPROVED -> order;
            case RETURNED_GOODS_RECEIVED -> apply(order, Commands.WAREHOUSE, Commands.receiveReturn());
            case EXCHANGE_SHIPPED -> apply(order, Commands.WAREHOUSE,
                    Commands.ship("SF", "T-2", Commands.units("A", 1)));
            default -> throw new IllegalArgumentException("cannot reach " + status);
        };
    }

    private static boolean needsServiceOrder(Transition row) {
        return row.when() == Condition.SERVICE_ONLY || row.from() == OrderStatus.SERVICE_SCHEDULED;
    }

    /** A command of the row's action that meets the row's condition. */
    private Command commandFor(Transition row, OrderState order, Actor actor) {
        Action action = row.action();
        if (action == Action.STOCK_RESERVED || action == Action.STOCK_SHORT) {
            StockResult result = new StockResult("r-" + (++sequence), "O-1", action == Action.STOCK_RESERVED,
                    List.of(), "approval", AT);
            if (row.from() == OrderStatus.AWAITING_STOCK) {
                return new Command(result.getRequestId(), "O-1", actor, AT, action, null, result);
            }
            if (row.from() == null) {
                OrderStatus imported = row.to() == OrderStatus.AWAITING_STOCK ? OrderStatus.APPROVED : row.to();
                return Command.answerTo(new OrderCommand(result.getRequestId(), "O-1", actor, AT,
                        importPayload(imported, Condition.IMPORTS_GOODS)), result);
            }
            return Command.answerTo(new OrderCommand(result.getRequestId(), "O-1", actor, AT, Commands.approve()),
                    result);
        }
        return command(actor, payloadFor(row, order));
    }

    private Object payloadFor(Transition row, OrderState order) {
        return switch (row.action()) {
            case PLACE -> Commands.place(Commands.line("A", 3, "10.00"));
            case AMEND -> Commands.amend(Commands.line("A", 4, "10.00"));
            case SUBMIT -> Commands.submit();
            case APPROVE -> Commands.approve();
            case RETURN_FOR_CHANGES -> Commands.returnForChanges();
            case REQUEST_CANCELLATION -> Commands.requestCancellation();
            case APPROVE_CANCELLATION -> Commands.approveCancellation();
            case SHIP -> {
                int open = order == null ? 1 : order.getLines().get(0).getLine().getQuantity()
                        - order.getLines().get(0).getShippedQuantity();
                int quantity = row.when() == Condition.SHIPS_THE_REST ? open : 1;
                yield Commands.ship("SF", "T-" + (++sequence), Commands.units("A", quantity));
            }
            case TRACKING_SCAN -> Commands.scan("e-" + (++sequence), Commands.CARRIER_SF, "SF", "T-1",
                    row.when() == Condition.ALL_DELIVERED ? TrackingStatus.DELIVERED : TrackingStatus.PICKED_UP, AT);
            case CONFIRM_DELIVERY -> Commands.confirmDelivery();
            case COMPLETE -> Commands.complete();
            case SCHEDULE_SERVICE -> Commands.scheduleService(AT);
            case RECORD_SERVICE_RESULT -> Commands.serviceResult();
            case REQUEST_RETURN -> Commands.requestReturn();
            case DECIDE_RETURN -> Commands.decideReturn(row.when() != Condition.RETURN_DECLINED);
            case RECEIVE_RETURN -> Commands.receiveReturn();
            case RECORD_PAYMENT -> Commands.pay("0.01");
            case RESCHEDULE -> Commands.reschedule(java.time.LocalDate.of(2026, 12, 20), "supplier late");
            case HOLD -> Commands.hold(io.orderflow.avro.HoldReason.AWAITING_PAYMENT);
            case RELEASE_HOLD -> Commands.releaseHold();
            case ASSIGN -> Commands.assign("lin.sales");
            case ADD_NOTE -> Commands.note("customer called");
            case IMPORT -> importPayload(row.to(), row.when());
            case CLOSE_SHORT -> Commands.closeShort("discontinued by the maker");
            case REFUND -> Commands.refund("0.01");
            case DECIDE_REFUND -> Commands.decideRefund(true);
            default -> throw new IllegalArgumentException(row.action().toString());
        };
    }

    /** An import into {@code status} of a goods order of 3 x A (1 shipped when partly), or a service order. */
    private static Object importPayload(OrderStatus status, Condition when) {
        if (when == Condition.IMPORTS_SERVICE_ONLY) {
            return Commands.importOrder(status, Commands.place(Commands.serviceLine("INSTALL", "50.00")));
        }
        return status == OrderStatus.PARTIALLY_SHIPPED
                ? Commands.importOrder(status, Commands.place(Commands.line("A", 3, "10.00")), Commands.units("A", 1))
                : Commands.importOrder(status, Commands.place(Commands.line("A", 3, "10.00")));
    }

    private OrderState prepared(Transition row) {
        if (row.from() == null) {
            return null;
        }
        OrderState order = reach(row.from(), needsServiceOrder(row));
        if (row.action() == Action.APPROVE_CANCELLATION) {
            order = apply(order, Commands.SALES, Commands.requestCancellation());
        }
        if (row.action() == Action.COMPLETE) {
            order = apply(order, Commands.SALES, Commands.pay("0.01"));
        }
        if (row.action() == Action.REFUND || row.action() == Action.DECIDE_REFUND) {
            // paid before it was cancelled or returned: given as it would be found
            order.setPaidAmount(new java.math.BigDecimal("0.01"));
        }
        if (row.when() == Condition.CLOSED_SHORT) {
            // closed short and paid more than it owes now
            order.setShortClosure(new io.orderflow.avro.ShortClosure("discontinued", new ArrayList<>(), Commands.SALES,
                    AT));
            order.setPaidAmount(order.getTotalAmount().add(new java.math.BigDecimal("0.01")));
        }
        if (row.action() == Action.DECIDE_REFUND) {
            order.setPendingRefund(new io.orderflow.avro.Refund("r-1", new java.math.BigDecimal("0.01"), "owed",
                    new ArrayList<>(), Commands.SALES, AT, null, null));
        }
        if (row.action() == Action.RELEASE_HOLD) {
            // a hold stays through what a held order may go through: here it is given as it would be found
            order.setHold(new io.orderflow.avro.OrderHold(io.orderflow.avro.HoldReason.OTHER, null, Commands.SALES,
                    AT));
        }
        return order;
    }

    // ---------------------------------------------------------------- the table

    @Test
    void shouldLeadEveryRowWhereItSaysForEachRoleItNames() {
        for (Transition row : TransitionTable.TRANSITIONS) {
            for (Role role : row.roles()) {
                OrderState order = prepared(row);
                Decision decision = rules.decide(order, commandFor(row, order, ACTORS.get(role)));

                if (row.action() == Action.RECORD_PAYMENT
                        && order.getPaymentStatus() == io.orderflow.avro.PaymentStatus.PAID) {
                    // the row allows payments here, but a paid order has nothing left to pay
                    assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refusal ->
                            assertThat(refusal.refusal().getCode()).isEqualTo(Refusals.OVERPAYMENT));
                } else if (row.viaStockLedger()) {
                    assertThat(decision).as("%s by %s", row, role).isInstanceOf(Decision.ReserveStock.class);
                } else {
                    assertThat(decision).as("%s by %s", row, role).isInstanceOf(Decision.Accepted.class);
                    Decision.Accepted accepted = (Decision.Accepted) decision;
                    assertThat(accepted.state().getStatus()).as("%s by %s", row, role).isEqualTo(row.to());
                    assertThat(accepted.event().getToStatus()).isEqualTo(row.to());
                    assertThat(accepted.state().getHistory()).last()
                            .satisfies(entry -> assertThat(entry.getActor().getRole()).isEqualTo(role));
                }
            }
        }
    }

    @Test
    void shouldRefuseEveryRoleARowDoesNotName() {
        int refused = 0;
        for (Transition row : TransitionTable.TRANSITIONS) {
            Set<Role> allowed = EnumSet.noneOf(Role.class);
            TransitionTable.rows(row.from(), row.action()).forEach(other -> allowed.addAll(other.roles()));
            for (Role role : EnumSet.complementOf(EnumSet.copyOf(allowed))) {
                OrderState order = prepared(row);
                Decision decision = rules.decide(order, commandFor(row, order, ACTORS.get(role)));

                assertThat(decision).as("%s by %s", row, role).isInstanceOfSatisfying(Decision.Refused.class,
                        refusal -> assertThat(refusal.refusal().getCode()).isEqualTo(Refusals.ROLE_NOT_ALLOWED));
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(TransitionTable.TRANSITIONS.size());
    }

    @Test
    void shouldRefuseEveryActionWithoutARowAsAnInvalidTransition() {
        List<String> checked = new ArrayList<>();
        for (OrderStatus status : EnumSet.complementOf(EnumSet.of(OrderStatus.UNKNOWN))) {
            for (Action action : Action.values()) {
                if (action == Action.PLACE || action == Action.IMPORT
                        || !TransitionTable.rows(status, action).isEmpty()) {
                    continue;
                }
                Transition probe = new Transition(status, action, Set.of(Role.ADMIN), Condition.ALWAYS, status, false);
                OrderState order = reach(status, status == OrderStatus.SERVICE_SCHEDULED);
                Decision decision = rules.decide(order, commandFor(probe, order, Commands.ADMIN));

                assertThat(decision).as("%s on %s", action, status).isInstanceOfSatisfying(Decision.Refused.class,
                        refusal -> {
                            assertThat(refusal.refusal().getCode()).isEqualTo(Refusals.INVALID_TRANSITION);
                            assertThat(refusal.refusal().getStatus()).isEqualTo(status);
                        });
                checked.add(status + "/" + action);
            }
        }
        assertThat(checked).contains("SHIPPED/REQUEST_CANCELLATION", "CANCELLED/APPROVE", "DELIVERED/SHIP");
    }

    @Test
    void shouldRefuseEveryCommandOnAnUnknownOrderButPlacement() {
        for (Action action : EnumSet.complementOf(EnumSet.of(Action.PLACE, Action.IMPORT, Action.STOCK_RESERVED,
                Action.STOCK_SHORT))) {
            Transition probe = new Transition(null, action, Set.of(Role.ADMIN), Condition.ALWAYS, null, false);
            Decision decision = rules.decide(null, commandFor(probe, null, Commands.ADMIN));

            assertThat(decision).as("%s", action).isInstanceOfSatisfying(Decision.Refused.class,
                    refusal -> assertThat(refusal.refusal().getCode()).isEqualTo(Refusals.UNKNOWN_ORDER));
        }
    }

    @Test
    void shouldCoverEveryStatusButTheTerminalOnesWithSomeWayOut() {
        assertThat(TransitionTable.statusesWithExits()).containsAll(EnumSet.complementOf(EnumSet.of(
                OrderStatus.CANCELLED, OrderStatus.UNKNOWN)));
        assertThat(TransitionTable.rows(OrderStatus.CANCELLED, Action.RECORD_PAYMENT)).isEmpty();
    }

    /**
     * The analytics tell an order's placement, cancellation and delivery from one event's transition
     * (no flag in their ledger), which counts each once only while the table lets an order go through
     * each once: only a placement or an import (or the SKUs' answer to an import, which creates the order in
     * its stead) starts from no order, and no way out of CANCELLED or DELIVERED leads back.
     */
    @Test
    void shouldLetAnOrderBePlacedCancelledAndDeliveredOnceAtMost() {
        assertThat(TransitionTable.TRANSITIONS).filteredOn(row -> row.from() == null)
                .extracting(Transition::action)
                .containsOnly(Action.PLACE, Action.IMPORT, Action.STOCK_RESERVED, Action.STOCK_SHORT);
        assertThat(TransitionTable.TRANSITIONS).filteredOn(row -> row.from() == null && row.action() != Action.PLACE)
                .allSatisfy(row -> assertThat(row.roles()).containsOnly(Role.ADMIN));
        for (OrderStatus milestone : List.of(OrderStatus.CANCELLED, OrderStatus.DELIVERED)) {
            assertThat(reachableAfterLeaving(milestone)).as("statuses reachable once out of " + milestone)
                    .doesNotContain(milestone);
        }
    }

    private static Set<OrderStatus> reachableAfterLeaving(OrderStatus status) {
        Set<OrderStatus> reached = EnumSet.noneOf(OrderStatus.class);
        List<OrderStatus> next = new ArrayList<>(List.of(status));
        while (!next.isEmpty()) {
            OrderStatus from = next.remove(next.size() - 1);
            for (Transition row : TransitionTable.TRANSITIONS) {
                if (row.from() == from && row.to() != from && reached.add(row.to())) {
                    next.add(row.to());
                }
            }
        }
        return reached;
    }
}
