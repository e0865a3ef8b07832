package io.orderflow.gateway.service;

import io.orderflow.api.Principal;
import io.orderflow.avro.Product;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.StockMovementType;
import io.orderflow.gateway.api.Accepted;
import io.orderflow.gateway.api.OrderRequests.ProductBody;
import io.orderflow.gateway.api.OrderRequests.StockBody;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The product catalog ({@code products}, compacted) and stock receipts and stocktake adjustments
 * ({@code stock-movements}), both keyed by SKU.
 */
public final class CatalogService {

    private final EventLog eventLog;
    private final GatewayTopics topics;
    private final Idempotency idempotency;
    private final Clock clock;

    public CatalogService(EventLog eventLog, GatewayTopics topics, Idempotency idempotency, Clock clock) {
        this.eventLog = eventLog;
        this.topics = topics;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public CompletableFuture<Idempotency.Outcome> putProduct(
            Principal principal, String sku, ProductBody body, RequestMeta meta) {
        return once(principal, meta, commandId -> {
            Product product = Product.newBuilder()
                    .setSku(sku)
                    .setName(body.name())
                    .setCategory(body.category())
                    .setUnitPrice(body.unitPrice())
                    .setReorderPoint(body.reorderPoint())
                    .setKind(body.kind())
                    .setUpdatedBy(principal.actor())
                    .setUpdatedAt(clock.instant())
                    .build();
            return eventLog.append(topics.products(), sku, product)
                    .thenApply(written -> Accepted.sku(sku, commandId, written.token()));
        });
    }

    public CompletableFuture<Idempotency.Outcome> moveStock(
            Principal principal, String sku, StockMovementType type, StockBody body, RequestMeta meta) {
        return once(principal, meta, movementId -> {
            StockMovement movement = StockMovement.newBuilder()
                    .setMovementId(movementId)
                    .setSku(sku)
                    .setType(type)
                    .setQuantity(body.quantity())
                    .setReference(body.reference())
                    .setReason(body.reason())
                    .setActor(principal.actor())
                    .setAt(clock.instant())
                    .build();
            return eventLog.append(topics.stockMovements(), sku, movement)
                    .thenApply(written -> Accepted.sku(sku, movementId, written.token()));
        });
    }

    private CompletableFuture<Idempotency.Outcome> once(
            Principal principal, RequestMeta meta, Function<String, CompletableFuture<Accepted>> action) {
        if (meta.idempotencyKey() != null) {
            return idempotency.once(Keys.client(principal, meta.idempotencyKey()), meta.requestHash(), action);
        }
        return action.apply(UUID.randomUUID().toString()).thenApply(accepted -> new Idempotency.Outcome(accepted, false));
    }
}
