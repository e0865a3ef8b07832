package io.orderflow.streams.query;

import io.orderflow.api.ApiKeys;
import io.orderflow.api.Json;
import io.orderflow.streams.analytics.AnalyticsSettings;
import io.orderflow.streams.query.live.ChangeFeed;
import io.orderflow.streams.query.live.Metrics;
import io.orderflow.streams.query.service.AlertQueries;
import io.orderflow.streams.query.service.AnalyticsQueries;
import io.orderflow.streams.query.service.FanOut;
import io.orderflow.streams.query.service.Gateway;
import io.orderflow.streams.query.service.OrderQueries;
import io.orderflow.streams.query.service.Peers;
import io.orderflow.streams.query.service.Processed;
import io.orderflow.streams.query.service.StockQueries;
import io.orderflow.streams.query.service.Waits;
import io.orderflow.streams.query.state.PeerSecret;
import io.orderflow.streams.query.state.Progress;
import io.orderflow.streams.query.state.StateReader;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Everything the query API's routes stand on; the runtime builds it from Kafka Streams, tests from stubs. */
public record QueryServices(
        ApiKeys apiKeys,
        StateReader state,
        Peers peers,
        OrderQueries orders,
        StockQueries stock,
        AlertQueries alerts,
        AnalyticsQueries analytics,
        ChangeFeed feed,
        Metrics metrics,
        Supplier<String> streamsState,
        Clock clock,
        Executor streaming,
        int pageSize,
        Processed processed,
        PeerSecret peerSecret,
        Gateway gateway) {

    /** These services, the order desk's commands relayed to {@code gateway}. */
    public QueryServices withGateway(Gateway gateway) {
        return new QueryServices(apiKeys, state, peers, orders, stock, alerts, analytics, feed, metrics, streamsState,
                clock, streaming, pageSize, processed, peerSecret, gateway);
    }

    /** The services over {@code state}, asking {@code peers} for what other instances hold. */
    public static QueryServices over(ApiKeys keys, StateReader state, Peers peers, ChangeFeed feed, Metrics metrics,
                                     Supplier<String> streamsState, ScheduledExecutorService scheduler, Clock clock) {
        return over(keys, state, peers, feed, metrics, streamsState, scheduler, clock, Progress.NONE, FanOut.PAGE_SIZE,
                PeerSecret.unshared(), AnalyticsSettings.defaults());
    }

    /**
     * The same, lists read {@code pageSize} rows per partition at a time, and reads after a write
     * of lists, stock and reports waiting on {@code progress}; peer calls honoured with {@code peerSecret} (the
     * one {@code peers} sends), customers classed by {@code analytics}' thresholds (the app's own); no commands
     * relayed until {@link #withGateway}.
     */
    public static QueryServices over(ApiKeys keys, StateReader state, Peers peers, ChangeFeed feed, Metrics metrics,
                                     Supplier<String> streamsState, ScheduledExecutorService scheduler, Clock clock,
                                     Progress progress, int pageSize, PeerSecret peerSecret, AnalyticsSettings analytics) {
        FanOut fanOut = new FanOut(state, peers, Json.tolerant(), pageSize, java.time.Duration.ofSeconds(15));
        AlertQueries alerts = new AlertQueries(state, fanOut);
        metrics.activeAlerts(alerts::countHere);
        Waits waits = new Waits(scheduler, java.time.Duration.ofMillis(25));
        Processed processed = new Processed(progress, scheduler, java.time.Duration.ofMillis(50));
        return new QueryServices(keys, state, peers,
                new OrderQueries(state, fanOut, waits, processed, alerts, clock),
                new StockQueries(state, fanOut),
                alerts,
                new AnalyticsQueries(state, fanOut, analytics),
                feed, metrics, streamsState, clock, streamingThreads(), pageSize, processed, peerSecret, Gateway.NONE);
    }

    /** Threads that write streamed lists; idle ones end after a minute. */
    private static Executor streamingThreads() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "orderflow-query-streaming-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
