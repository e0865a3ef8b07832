package io.orderflow.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to an accepted write ({@code 202}): what was written, and the consistency token of the write,
 * {@code <topic>:<partition>:<offset>}, which the query API accepts as {@code ?after=} or
 * {@code X-Orderflow-Consistency} to read its own write. Also the answer replayed for a retried request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Accepted(
        String status,
        String orderId,
        String sku,
        String eventId,
        String commandId,
        String consistencyToken,
        String location,
        String customerId) {

    public static final String ACCEPTED = "ACCEPTED";

    public static Accepted order(String orderId, String commandId, String token, String location) {
        return new Accepted(ACCEPTED, orderId, null, null, commandId, token, location, null);
    }

    public static Accepted sku(String sku, String commandId, String token) {
        return new Accepted(ACCEPTED, null, sku, null, commandId, token, null, null);
    }

    public static Accepted customer(String customerId, String commandId, String token) {
        return new Accepted(ACCEPTED, null, null, null, commandId, token, null, customerId);
    }

    public static Accepted scan(String eventId, String commandId, String token) {
        return new Accepted(ACCEPTED, null, null, eventId, commandId, token, null, null);
    }
}
