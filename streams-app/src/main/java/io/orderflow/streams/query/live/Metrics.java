package io.orderflow.streams.query.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.orderflow.api.Monitoring;
import io.orderflow.avro.AlertType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The streams app's meters, on Micrometer's Prometheus registry ({@link Monitoring}): the query API's requests by
 * route template ({@code http_server_requests_seconds}), the alerts raised in the partitions active here
 * ({@code orderflow_alerts_active}, by type), and what the runtime binds: every Kafka Streams metric (client, thread,
 * task, processor node, topic, store, RocksDB, the embedded clients', ours such as the alerts' due entries visited) as
 * {@code kafka_stream_*}, {@code kafka_consumer_*}, ... through {@link KafkaStreamsMetrics}, and its other clients'.
 */
public final class Metrics implements AutoCloseable {

    public static final String APPLICATION = "streams-app";

    /** A scrape reads the alert counts once, not once per type. */
    private static final Duration ALERT_COUNTS_FRESH = Duration.ofSeconds(1);

    private final PrometheusMeterRegistry registry = Monitoring.registry(APPLICATION);
    private volatile Optional<Map<AlertType, Long>> alertCounts = Optional.empty();
    private volatile long alertCountsAt = System.nanoTime() - ALERT_COUNTS_FRESH.toNanos();
    /** Where the Kafka binders look for new metrics; started with the first of them. */
    private ScheduledExecutorService refresh;

    /** One request answered. {@code route} is the route's template, never the concrete path. */
    public void request(String method, String route, int status, double millis) {
        Monitoring.request(registry, method, route, status, millis);
    }

    /** Gauges {@code orderflow_alerts_active{type}} over {@code counts} (alerts raised here by type; empty: unknown). */
    public void activeAlerts(Supplier<Optional<Map<AlertType, Long>>> counts) {
        for (AlertType type : AlertType.values()) {
            Gauge.builder("orderflow.alerts.active", () -> alertCount(counts, type))
                    .description("Alerts raised, in the partitions active on this instance")
                    .tag("type", type.name())
                    .register(registry);
        }
    }

    private double alertCount(Supplier<Optional<Map<AlertType, Long>>> counts, AlertType type) {
        long now = System.nanoTime();
        if (now - alertCountsAt >= ALERT_COUNTS_FRESH.toNanos()) {
            alertCounts = counts.get();
            alertCountsAt = now;
        }
        return alertCounts.map(byType -> byType.getOrDefault(type, 0L).doubleValue()).orElse(Double.NaN);
    }

    /** Kafka Streams' metrics, its embedded clients' included, until the binder is closed. */
    public KafkaStreamsMetrics bind(KafkaStreams streams) {
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.empty(), refresh(), Monitoring.KAFKA_REFRESH);
        binder.bindTo(registry);
        return binder;
    }

    /** A consumer's metrics ({@code kafka_consumer_*}) until the binder is closed. */
    public KafkaClientMetrics bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics binder = new KafkaClientMetrics(consumer, Tags.empty(), refresh(), Monitoring.KAFKA_REFRESH);
        binder.bindTo(registry);
        return binder;
    }

    /** An admin client's metrics ({@code kafka_admin_client_*}) until the binder is closed. */
    public KafkaClientMetrics bind(AdminClient admin) {
        KafkaClientMetrics binder = new KafkaClientMetrics(admin, Tags.empty(), refresh(), Monitoring.KAFKA_REFRESH);
        binder.bindTo(registry);
        return binder;
    }

    private synchronized ScheduledExecutorService refresh() {
        if (refresh == null) {
            refresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "orderflow-metrics-refresh");
                thread.setDaemon(true);
                return thread;
            });
        }
        return refresh;
    }

    /** Everything, in Prometheus' text format ({@link Monitoring#CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops looking for new Kafka metrics. */
    @Override
    public synchronized void close() {
        if (refresh != null) {
            refresh.shutdownNow();
        }
    }
}
