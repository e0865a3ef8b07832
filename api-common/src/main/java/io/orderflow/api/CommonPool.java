package io.orderflow.api;

/**
 * Keeps {@code CompletableFuture}'s default executor a pool on small machines.
 *
 * <p>With fewer than 3 cores the JVM sizes the common fork-join pool to 1, and {@code CompletableFuture} then
 * runs every {@code *Async} step without an executor of its own on a <em>new thread</em>. The JDK's
 * {@code HttpClient.sendAsync} takes one such step per response, so on a 2-core machine every call from
 * one query instance to another starts and ends a thread, thousands of them under routed reads
 * (BENCHMARKS.md, figure 4). A common pool of 2 threads keeps those steps on pooled threads.
 */
public final class CommonPool {

    public static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPool() {
    }

    /**
     * Call first in {@code main}, before anything has used the common pool (its size is fixed when it is
     * first used); an explicit {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} is kept.
     */
    public static void atLeastTwo() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
    }
}
