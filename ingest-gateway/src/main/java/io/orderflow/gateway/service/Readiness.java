package io.orderflow.gateway.service;

/** Whether the gateway can take writes now: Kafka reachable and the idempotency answers read back. */
public interface Readiness {

    /** Null when ready, else why not. */
    String notReadyBecause();
}
