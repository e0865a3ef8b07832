package io.orderflow.streams.stock.partitioned;

import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockAnswer;
import io.orderflow.avro.StockAnswerType;
import io.orderflow.avro.StockClaim;
import io.orderflow.avro.StockClaimPhase;
import io.orderflow.avro.StockMessage;
import io.orderflow.avro.StockMessageType;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol's messages and the order's state as they travel and are stored: {@link SkuMessage} as
 * {@link StockMessage} (keyed by SKU), {@link OrderMessage} as {@link StockAnswer} (keyed by order id),
 * {@link OrderStockState} as {@link StockClaim} (in the order's bookkeeping).
 */
public final class StockMessages {

    private StockMessages() {
    }

    public static StockMessage toAvro(SkuMessage message) {
        StockMessage.Builder avro = StockMessage.newBuilder().setSku(message.sku()).setReference(null);
        if (message instanceof SkuMessage.Hold hold) {
            avro.setType(StockMessageType.HOLD).setOrderId(hold.orderId()).setAttempt(hold.attempt())
                    .setPriority(hold.priority()).setLines(shipmentLines(hold.lines())).setIndex(hold.index());
        } else if (message instanceof SkuMessage.Probe probe) {
            avro.setType(StockMessageType.PROBE).setOrderId(probe.orderId()).setAttempt(probe.attempt())
                    .setPriority(probe.priority()).setLines(shipmentLines(probe.lines())).setIndex(probe.index())
                    .setShortfall(shipmentLines(probe.shortfall()));
        } else if (message instanceof SkuMessage.Confirm confirm) {
            avro.setType(StockMessageType.CONFIRM).setOrderId(confirm.orderId()).setAttempt(confirm.attempt());
        } else if (message instanceof SkuMessage.Release release) {
            avro.setType(StockMessageType.RELEASE).setOrderId(release.orderId()).setAttempt(release.attempt());
        } else if (message instanceof SkuMessage.Drop drop) {
            avro.setType(StockMessageType.DROP).setOrderId(drop.orderId()).setAttempt(drop.attempt());
        } else if (message instanceof SkuMessage.Ship ship) {
            avro.setType(StockMessageType.SHIP).setOrderId(ship.orderId()).setAttempt(ship.attempt())
                    .setReference(ship.shipmentId())
                    .setLines(List.of(new ShipmentLine(ship.sku(), ship.quantity())));
        } else if (message instanceof SkuMessage.Restock restock) {
            avro.setType(StockMessageType.RESTOCK).setOrderId(restock.orderId()).setReference(restock.returnId())
                    .setLines(List.of(new ShipmentLine(restock.sku(), restock.quantity())));
        } else {
            throw new IllegalArgumentException("movements come from stock-movements, not as messages: " + message);
        }
        return avro.build();
    }

    /**
     * The message a {@link StockMessage} carries; one that cannot be one (an unknown type, a missing line) is an
     * error with what is wrong, for the dead-letter topic.
     */
    public static SkuMessage toSku(StockMessage avro) {
        String orderId = avro.getOrderId();
        int attempt = avro.getAttempt();
        return switch (avro.getType()) {
            case HOLD -> new SkuMessage.Hold(orderId, attempt, avro.getPriority(), lines(avro.getLines()),
                    index(avro));
            case PROBE -> new SkuMessage.Probe(orderId, attempt, avro.getPriority(), lines(avro.getLines()),
                    index(avro), lines(avro.getShortfall()));
            case CONFIRM -> new SkuMessage.Confirm(avro.getSku(), orderId, attempt);
            case RELEASE -> new SkuMessage.Release(avro.getSku(), orderId, attempt);
            case DROP -> new SkuMessage.Drop(avro.getSku(), orderId, attempt);
            case SHIP -> new SkuMessage.Ship(avro.getSku(), orderId, attempt, reference(avro), quantity(avro));
            case RESTOCK -> new SkuMessage.Restock(avro.getSku(), orderId, reference(avro), quantity(avro));
            default -> throw new IllegalArgumentException("stock message type " + avro.getType() + " is not known");
        };
    }

    public static StockAnswer toAvro(OrderMessage message) {
        StockAnswer.Builder avro = StockAnswer.newBuilder().setOrderId(message.orderId()).setSku(null);
        if (message instanceof OrderMessage.Reserved reserved) {
            return avro.setType(StockAnswerType.RESERVED).setAttempt(reserved.attempt()).build();
        } else if (message instanceof OrderMessage.Short answer) {
            return avro.setType(StockAnswerType.SHORT).setAttempt(answer.attempt())
                    .setShortfall(shipmentLines(answer.shortfall())).build();
        }
        OrderMessage.Wake wake = (OrderMessage.Wake) message;
        return avro.setType(StockAnswerType.WAKE).setAttempt(wake.afterAttempt()).setSku(wake.sku()).build();
    }

    public static OrderMessage toOrder(StockAnswer avro) {
        return switch (avro.getType()) {
            case RESERVED -> new OrderMessage.Reserved(avro.getOrderId(), avro.getAttempt());
            case SHORT -> new OrderMessage.Short(avro.getOrderId(), avro.getAttempt(), lines(avro.getShortfall()));
            case WAKE -> {
                if (avro.getSku() == null) {
                    throw new IllegalArgumentException("a WAKE answer for order " + avro.getOrderId() + " names no SKU");
                }
                yield new OrderMessage.Wake(avro.getOrderId(), avro.getSku(), avro.getAttempt());
            }
            default -> throw new IllegalArgumentException("stock answer type " + avro.getType() + " is not known");
        };
    }

    public static StockClaim toAvro(OrderStockState state) {
        return new StockClaim(state.approvalId(), state.priority(), shipmentLines(state.lines()), state.attempt(),
                StockClaimPhase.valueOf(state.phase().name()), state.wakePending(), state.shortReported());
    }

    public static OrderStockState fromAvro(String orderId, StockClaim claim) {
        if (claim == null) {
            return OrderStockState.initial(orderId);
        }
        return new OrderStockState(orderId, claim.getApprovalId(), claim.getPriority(), lines(claim.getLines()),
                claim.getAttempt(), OrderStockState.Phase.valueOf(claim.getPhase().name()), claim.getWakePending(),
                claim.getShortReported());
    }

    public static List<Line> lines(List<ShipmentLine> lines) {
        List<Line> converted = new ArrayList<>(lines.size());
        for (ShipmentLine line : lines) {
            converted.add(new Line(line.getSku(), line.getQuantity()));
        }
        return converted;
    }

    public static List<ShipmentLine> shipmentLines(List<Line> lines) {
        List<ShipmentLine> converted = new ArrayList<>(lines.size());
        for (Line line : lines) {
            converted.add(new ShipmentLine(line.sku(), line.quantity()));
        }
        return converted;
    }

    private static int index(StockMessage avro) {
        if (avro.getIndex() < 0 || avro.getIndex() >= avro.getLines().size()) {
            throw new IllegalArgumentException("stock message " + avro.getType() + " for order " + avro.getOrderId()
                    + ": line index " + avro.getIndex() + " outside its " + avro.getLines().size() + " lines");
        }
        return avro.getIndex();
    }

    private static String reference(StockMessage avro) {
        if (avro.getReference() == null) {
            throw new IllegalArgumentException("stock message " + avro.getType() + " for order " + avro.getOrderId()
                    + " has no reference");
        }
        return avro.getReference();
    }

    private static int quantity(StockMessage avro) {
        if (avro.getLines().size() != 1 || !avro.getLines().get(0).getSku().equals(avro.getSku())) {
            throw new IllegalArgumentException("stock message " + avro.getType() + " for order " + avro.getOrderId()
                    + " must carry one line of SKU " + avro.getSku());
        }
        return avro.getLines().get(0).getQuantity();
    }
}
