package io.orderflow.demo;

import java.time.Duration;

/**
 * Runs a task once after a delay. Production uses {@link ExecutorScheduler}; tests drive a virtual-time one, so
 * they run every step synchronously and fast.
 */
public interface Scheduler {

    void schedule(Duration delay, Runnable task);
}
