package io.orderflow.streams.order;

import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.StockRequest;
import io.orderflow.serde.GeneratedAvroTypes;
import io.orderflow.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How large an order's records may grow: the producer's {@code max.request.size} as the app
 * configures it, less {@link #HEADROOM_BYTES}. A record over the producer's limit cannot be
 * written at all: the task would fail on it again after every restart, and the command that led
 * to it would be neither applied nor refused. So a command after which a record of the order
 * (key and value, as the app writes them) would take more than {@link #limitBytes()} is refused
 * with ORDER_TOO_LARGE before anything is written.
 *
 * <p>The headroom is for what may still be added without a command to refuse: the ledger's
 * answer to an approval is checked ahead, with the approval, but a later allocation of stock (a
 * history entry, quantities reserved) is applied whatever its size; and for the batch framing
 * the producer counts in. The order's records carry no headers (see {@code OrderProcessor}).
 */
record OrderSize(int limitBytes) {

    static final int HEADROOM_BYTES = 64 * 1024;
    static final int APPROVAL_COPIES = 4;
    static final int REQUEST_COPIES = 8;
    static final int FIXED_BYTES = 1024;
    /** Kafka's own default of {@code max.request.size}, for a configuration that does not set it. */
    static final int KAFKA_DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
    private static final String CUT = "…";

    static {
        // Copying a refusal resolves generated classes by name, which Avro 1.12 allows only for trusted
        // classes; the size may be checked before any serde has run.
        GeneratedAvroTypes.trust();
    }

    /** The limit under the producer's {@code max.request.size} among {@code appConfigs} (Kafka's default if unset). */
    static OrderSize under(Map<String, Object> appConfigs) {
        Object configured = appConfigs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (configured == null) {
            configured = appConfigs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        int maxRequest = configured == null ? KAFKA_DEFAULT_MAX_REQUEST_BYTES
                : Integer.parseInt(configured.toString().trim());
        return new OrderSize(maxRequest - HEADROOM_BYTES);
    }

    /**
     * A bound of the bytes of the event either answer of the ledger to {@code approval} would bring (under
     * {@code key}), found from bounds alone, without working the answers out. Such an event is {@code order}'s
     * state plus what the answer adds, and all it adds comes from the approval, from the request's lines, or is of
     * fixed size: the approval's actor, ids and note as the review, the history entry and the event's own fields
     * ({@value #APPROVAL_COPIES} copies at most), the lines as the shortfall and the reason that lists it
     * ({@value #REQUEST_COPIES} at most), and the status, times and version in {@value #FIXED_BYTES} bytes.
     * {@code OrderSizeTest} holds it against the answers the rules really give.
     */
    int approvalAnswersBound(String key, OrderState order, OrderCommand approval, StockRequest request) {
        long bound = keyBytes(key) + (long) WireFormat.encodedSizeBound(order)
                + (long) APPROVAL_COPIES * WireFormat.encodedSizeBound(approval)
                + (long) REQUEST_COPIES * WireFormat.encodedSizeBound(request) + FIXED_BYTES;
        return bound > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) bound;
    }

    /** Whether both answers to an approval surely fit ({@link #approvalAnswersBound}), so need not be worked out. */
    boolean approvalAnswersFit(String key, OrderState order, OrderCommand approval, StockRequest request) {
        return approvalAnswersBound(key, order, approval, request) <= limitBytes;
    }

    /**
     * Whether {@code event} under {@code key} fits, its order's state being {@code stateBytes} long as encoded (wire
     * format): the state, nearly all of an event, is encoded for its store anyway, so only the rest is bounded.
     */
    boolean fits(String key, OrderEvent event, int stateBytes) {
        int bound = WireFormat.encodedSizeBound(event, ORDER_FIELD, stateBytes - WireFormat.HEADER_SIZE);
        if (keyBytes(key) + (long) bound <= limitBytes) {
            return true;
        }
        return keyBytes(key) + WireFormat.encodedSize(event) <= limitBytes;
    }

    private static final int ORDER_FIELD = OrderEvent.SCHEMA$.getField("order").pos();

    /** Whether {@code value} under {@code key} (a string key, as every topic and store of the order has) fits. */
    boolean fits(String key, SpecificRecord value) {
        return bytes(key, value) <= limitBytes;
    }

    /**
     * {@code refusal}, its reason cut short if the refusal would not fit otherwise. A reason may quote what
     * the command sent (an order id, a SKU), so a command written straight to Kafka could make its own
     * refusal too large to write. The code and the ids, what a sender matches refusals on, are kept whole:
     * without its reason a refusal is the command's key and ids plus its code and label, so only a command
     * whose ids alone fill nearly a whole request could still be answered by one too large.
     */
    Refusal fitted(Refusal refusal) {
        int over = bytes(refusal.getOrderId(), refusal) - limitBytes;
        if (over <= 0) {
            return refusal;
        }
        byte[] reason = refusal.getReason().getBytes(StandardCharsets.UTF_8);
        int end = Math.max(0, reason.length - over - CUT.getBytes(StandardCharsets.UTF_8).length);
        while (end > 0 && (reason[end] & 0xC0) == 0x80) {
            end--; // back to the start of the character, not into its continuation bytes
        }
        String cut = new String(reason, 0, end, StandardCharsets.UTF_8) + CUT;
        return Refusal.newBuilder(refusal).setReason(cut).build();
    }

    /**
     * The bytes of {@code value} under {@code key}; encoded only when a bound found without encoding (see
     * {@link WireFormat#encodedSizeBound}) is over the limit: every command checks an event that holds the whole
     * order, and almost every order is far under it.
     */
    private int bytes(String key, SpecificRecord value) {
        int keyBytes = keyBytes(key);
        int bound = WireFormat.encodedSizeBound(value);
        if (bound <= limitBytes - keyBytes) {
            return keyBytes + bound;
        }
        return keyBytes + WireFormat.encodedSize(value);
    }

    private static int keyBytes(String key) {
        return key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
    }
}
