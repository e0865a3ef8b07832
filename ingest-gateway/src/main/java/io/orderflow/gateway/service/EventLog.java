package io.orderflow.gateway.service;

import io.orderflow.serde.Topic;
import java.util.concurrent.CompletableFuture;

/**
 * Where accepted requests go: Kafka in production. The future completes once the log has the record durably
 * (acks=all) and fails with {@link GatewayException.Unavailable} when it cannot be kept.
 */
public interface EventLog {

    <V> CompletableFuture<Written> append(Topic<String, V> topic, String key, V value);
}
