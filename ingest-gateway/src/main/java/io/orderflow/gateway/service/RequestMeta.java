package io.orderflow.gateway.service;

/**
 * What makes a request repeatable: the client's Idempotency-Key (may be null) and a hash of the request (method,
 * path and canonical body) that tells a retry from a different request under the same key.
 */
public record RequestMeta(String idempotencyKey, String requestHash) {
}
