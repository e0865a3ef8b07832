package io.orderflow.gateway.service;

import io.orderflow.api.Principal;
import io.orderflow.api.Problem;
import io.orderflow.avro.OrderCommand;
import io.orderflow.gateway.api.FieldPath;
import io.orderflow.gateway.api.Accepted;
import io.orderflow.gateway.api.OrderRequests;
import io.orderflow.gateway.api.OrderRequests.OrderBody;
import io.orderflow.gateway.ledger.LedgerState;
import io.orderflow.serde.WireFormat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Turns accepted order requests into {@link OrderCommand}s on {@code order-commands}, keyed by order id. Each
 * command carries a fresh command id, or one derived from the idempotency key; the actor is the caller in its
 * role; {@code at} is the request time. State-dependent rules (status, four-eyes) are the streams app's.
 */
public final class OrderService {

    /**
     * The most an order command may take on {@code order-commands}, in Confluent's wire format: the streams app's
     * room for an order's records (its producer's 1 MiB less 64 KiB for the state and history it adds, see its
     * {@code OrderSize}). Every field within its limit does not keep a whole order within it (500 lines of
     * 2000-character texts), and a larger command could not be written, or only to be refused ORDER_TOO_LARGE
     * downstream: the gateway answers 413 at the door instead.
     */
    public static final int MAX_COMMAND_BYTES = 1024 * 1024 - 64 * 1024;

    private final EventLog eventLog;
    private final GatewayTopics topics;
    private final Idempotency idempotency;
    private final OrderIds orderIds;
    private final Clock clock;
    private final ZoneId zone;
    private final String queryApiUrl;

    public OrderService(EventLog eventLog, GatewayTopics topics, Idempotency idempotency, OrderIds orderIds,
            Clock clock, ZoneId zone, String queryApiUrl) {
        this.eventLog = eventLog;
        this.topics = topics;
        this.idempotency = idempotency;
        this.orderIds = orderIds;
        this.clock = clock;
        this.zone = zone;
        this.queryApiUrl = queryApiUrl.endsWith("/") ? queryApiUrl.substring(0, queryApiUrl.length() - 1) : queryApiUrl;
    }

    /**
     * Places a new order. A client order id is the idempotency key (unique across clients); otherwise the
     * Idempotency-Key header, if any, is, and a retry gets the same generated order id.
     */
    public CompletableFuture<Idempotency.Outcome> place(Principal principal, OrderBody body, RequestMeta meta) {
        if (body.orderId() != null) {
            return idempotency.once(Keys.order(body.orderId()), meta.requestHash(),
                    commandId -> write(principal, body.orderId(), commandId, body));
        }
        if (meta.idempotencyKey() != null) {
            return idempotency.once(Keys.client(principal, meta.idempotencyKey()), meta.requestHash(),
                    commandId -> write(principal, orderIds.next(today()), commandId, body));
        }
        return write(principal, orderIds.next(today()), UUID.randomUUID().toString(), body)
                .thenApply(accepted -> new Idempotency.Outcome(accepted, false));
    }

    /**
     * Imports a ledger's order in the status the ledger gives it (an administrator's migration), from {@code
     * source} (file and line). Keyed as a placement: by the ledger's order id, or else by the request's key (the
     * file's hash and line), so the same order goes in once, also from a repeated upload.
     */
    public CompletableFuture<Idempotency.Outcome> importOrder(Principal principal, OrderBody body, LedgerState state,
            String source, RequestMeta meta) {
        if (body.orderId() != null) {
            return idempotency.once(Keys.order(body.orderId()), meta.requestHash(), commandId -> send(principal,
                    body.orderId(), commandId, AvroMapping.importOrder(body, state, source, today(), now())));
        }
        return idempotency.once(Keys.client(principal, meta.idempotencyKey()), meta.requestHash(),
                commandId -> {
                    String orderId = orderIds.next(today());
                    return send(principal, orderId, commandId, AvroMapping.importOrder(body, state, source, today(),
                            now()));
                });
    }

    /** Any command on an existing order, amendment included. */
    public CompletableFuture<Idempotency.Outcome> command(
            Principal principal, String orderId, OrderRequests.Command command, RequestMeta meta) {
        if (meta.idempotencyKey() != null) {
            return idempotency.once(Keys.client(principal, meta.idempotencyKey()), meta.requestHash(),
                    commandId -> send(principal, orderId, commandId, AvroMapping.payload(command, today())));
        }
        return send(principal, orderId, UUID.randomUUID().toString(), AvroMapping.payload(command, today()))
                .thenApply(accepted -> new Idempotency.Outcome(accepted, false));
    }

    /** Where the query API shows the order. */
    public String location(String orderId) {
        return queryApiUrl + "/v1/orders/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8);
    }

    private CompletableFuture<Accepted> write(Principal principal, String orderId, String commandId, OrderBody body) {
        return send(principal, orderId, commandId, AvroMapping.placeOrder(body, today()));
    }

    private CompletableFuture<Accepted> send(Principal principal, String orderId, String commandId, Object payload) {
        OrderCommand command = OrderCommand.newBuilder()
                .setCommandId(commandId)
                .setOrderId(orderId)
                .setActor(principal.actor())
                .setAt(clock.instant())
                .setPayload(payload)
                .build();
        int size = WireFormat.encodedSize(command);
        if (size > MAX_COMMAND_BYTES) {
            return CompletableFuture.failedFuture(new GatewayException.TooLarge("the order is too large to write",
                    List.of(new Problem(FieldPath.ROOT, "encodes to " + size + " bytes, at most " + MAX_COMMAND_BYTES
                            + " are written: fewer lines or shorter texts"))));
        }
        return eventLog.append(topics.orderCommands(), orderId, command)
                .thenApply(written -> Accepted.order(orderId, commandId, written.token(), location(orderId)));
    }

    /** This gateway's time, by the clock it was given: what a timestamp a client sends may not lie ahead of. */
    public Instant now() {
        return clock.instant();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
