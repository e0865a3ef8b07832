package io.orderflow.streams.order;

import io.orderflow.avro.Actor;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.Role;
import io.orderflow.avro.StockResult;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A command as the rules see it: who asks what of which order, when. Built from an
 * {@link OrderCommand} or from its SKUs' answer.
 *
 * @param payload the command's payload record ({@code ApproveOrder} for the SKUs' answer to an approval)
 * @param stock the SKUs' answer for {@link Action#STOCK_RESERVED} and {@link Action#STOCK_SHORT}, else null
 */
public record Command(
        String commandId, String orderId, Actor actor, Instant at, Action action, Object payload, StockResult stock) {

    /** The actor of reservations made for a waiting order when stock arrives (the stock's name for itself). */
    public static final Actor PIPELINE = new Actor("stock-ledger", Role.SYSTEM);

    public Command {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
    }

    /**
     * The name of what happened, for history, events and refusals. The SKUs' answer to an
     * approval (or to an import that claims stock) is recorded as the approval (the import) it completes;
     * a later allocation as {@code StockReserved}.
     */
    public String label() {
        boolean answer = action == Action.STOCK_RESERVED || action == Action.STOCK_SHORT;
        if (answer && payload instanceof io.orderflow.avro.ApproveOrder) {
            return Action.APPROVE.label();
        }
        return answer && payload instanceof io.orderflow.avro.ImportOrder ? Action.IMPORT.label() : action.label();
    }

    /** Whether the command brings an order into being: a placement, an import, or the SKUs' answer to an import. */
    public boolean creates() {
        return action == Action.PLACE || payload instanceof io.orderflow.avro.ImportOrder;
    }

    /** The command, or empty when its payload is of no known type. */
    public static Optional<Command> of(OrderCommand command) {
        return Action.of(command.getPayload())
                .map(action -> new Command(command.getCommandId(), command.getOrderId(), command.getActor(),
                        command.getAt(), action, command.getPayload(), null));
    }

    /** The SKUs' answer to {@code approval}: applied in the name of the reviewer who approved. */
    public static Command answerTo(OrderCommand approval, StockResult result) {
        return new Command(approval.getCommandId(), approval.getOrderId(), approval.getActor(), approval.getAt(),
                result.getReserved() ? Action.STOCK_RESERVED : Action.STOCK_SHORT, approval.getPayload(), result);
    }

    /** A reservation the SKUs made for a waiting order when stock arrived. */
    public static Command allocation(StockResult result) {
        return new Command(result.getRequestId(), result.getOrderId(), PIPELINE, result.getAt(),
                Action.STOCK_RESERVED, null, result);
    }
}
