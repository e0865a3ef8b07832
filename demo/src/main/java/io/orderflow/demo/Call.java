package io.orderflow.demo;

import java.util.Map;

/**
 * One request to the gateway, built before it is sent so that a retry sends the very same bytes under the same
 * Idempotency-Key.
 *
 * @param action         what the request does, for the tally and the logs
 * @param idempotencyKey null for none
 * @param body           JSON bytes; null for a request without a body
 * @param headers        further headers (the tracking signature)
 */
public record Call(
        Action action,
        String method,
        String path,
        String apiKey,
        String idempotencyKey,
        byte[] body,
        Map<String, String> headers) {

    public static Call post(Action action, String path, String apiKey, String idempotencyKey, byte[] body) {
        return new Call(action, "POST", path, apiKey, idempotencyKey, body, Map.of());
    }

    public static Call put(Action action, String path, String apiKey, String idempotencyKey, byte[] body) {
        return new Call(action, "PUT", path, apiKey, idempotencyKey, body, Map.of());
    }

    public Call withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Call(action, method, path, apiKey, idempotencyKey, body, Map.copyOf(more));
    }

    @Override
    public String toString() {
        // Never the body: it may carry a customer's contact, phone and address.
        return method + " " + path;
    }
}
