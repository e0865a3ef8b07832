package io.orderflow.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Both apps' {@code /metrics}, in the names operators' dashboards and alert rules already know: Micrometer's
 * Prometheus registry, every meter tagged {@code application}, with the JVM (memory, GC, threads, class loading) and
 * process (CPU, uptime, file descriptors) binders, and each HTTP request answered as
 * {@code http_server_requests_seconds} by route template. The Kafka binders are bound by each app to the clients it
 * keeps.
 */
public final class Monitoring {

    /** Prometheus' text format, version 0.0.4, which every scraper reads: what {@code registry.scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * How often the Kafka binders look for metrics that appeared since they were bound (a task assigned, a topic
     * first written): Micrometer's default of a minute would leave a new task out of the dashboard for that long.
     */
    public static final Duration KAFKA_REFRESH = Duration.ofSeconds(10);

    /** Buckets of {@code http_server_requests_seconds}, so that dashboards can draw percentiles. */
    private static final Duration[] REQUEST_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private Monitoring() {
    }

    /** A registry for {@code application} ({@code ingest-gateway}, {@code streams-app}) with the JVM and process binders. */
    public static PrometheusMeterRegistry registry(String application) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", application);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return registry;
    }

    /**
     * One HTTP request answered. {@code route} is the route's template ({@code /v1/orders/{id}}), never the concrete
     * path: an order id, a SKU or a key never becomes a tag, and the series stay few.
     */
    public static void request(MeterRegistry registry, String method, String route, int status, double millis) {
        Timer.builder("http.server.requests")
                .description("HTTP requests answered, by route template")
                .tags("method", method, "uri", route, "status", Integer.toString(status), "outcome", outcome(status))
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .register(registry)
                .record(Math.round(millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** The status class, as Micrometer's own HTTP instrumentation names it. */
    static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }
}
