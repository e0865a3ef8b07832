package io.orderflow.gateway.service;

import io.orderflow.api.Principal;
import io.orderflow.avro.CreditLimit;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.PaymentTerms;
import io.orderflow.gateway.api.Accepted;
import io.orderflow.gateway.api.OrderRequests.CustomerRecordBody;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The customers as data ({@code customers}, compacted, keyed by customer id): each {@code PUT} writes the whole
 * record with who and why; the streams app keeps its history and reads it when orders are placed and approved.
 */
public final class CustomerService {

    private final EventLog eventLog;
    private final GatewayTopics topics;
    private final Idempotency idempotency;
    private final Clock clock;

    public CustomerService(EventLog eventLog, GatewayTopics topics, Idempotency idempotency, Clock clock) {
        this.eventLog = eventLog;
        this.topics = topics;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public CompletableFuture<Idempotency.Outcome> putCustomer(
            Principal principal, String customerId, CustomerRecordBody body, RequestMeta meta) {
        return once(principal, meta, commandId -> {
            CustomerRecord customer = CustomerRecord.newBuilder()
                    .setId(customerId)
                    .setName(body.name())
                    .setCustomerClass(body.customerClass())
                    .setContactName(body.contactName())
                    .setPhone(body.phone())
                    .setAddress(body.address())
                    .setPaymentTerms(body.paymentTerms() == null ? null
                            : new PaymentTerms(body.paymentTerms().dueDays()))
                    .setCreditLimit(body.creditLimit() == null ? null
                            : new CreditLimit(body.creditLimit().amount(), body.creditLimit().currency()))
                    .setReason(body.reason())
                    .setUpdatedBy(principal.actor())
                    .setUpdatedAt(clock.instant())
                    .build();
            return eventLog.append(topics.customers(), customerId, customer)
                    .thenApply(written -> Accepted.customer(customerId, commandId, written.token()));
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
