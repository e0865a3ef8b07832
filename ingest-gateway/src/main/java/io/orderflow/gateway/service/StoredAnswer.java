package io.orderflow.gateway.service;

import io.orderflow.gateway.api.Accepted;

/**
 * The first answer to an idempotent request, with a hash of that request so that a different request under the
 * same key is told apart from a retry (a null hash matches every request).
 */
public record StoredAnswer(String requestHash, Accepted answer) {
}
