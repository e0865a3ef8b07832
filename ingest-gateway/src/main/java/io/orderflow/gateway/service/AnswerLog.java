package io.orderflow.gateway.service;

import java.util.concurrent.CompletableFuture;

/**
 * Durable memory of first answers, shared by gateway instances: Kafka's compacted {@code gateway-idempotency}
 * topic in production. What others (or this instance before a restart) saved reaches {@link Idempotency#remember}.
 */
public interface AnswerLog {

    CompletableFuture<Void> save(String key, StoredAnswer answer);
}
