package io.orderflow.gateway.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.orderflow.api.Monitoring;
import java.util.function.Supplier;

/**
 * The gateway's meters, on Micrometer's Prometheus registry ({@link Monitoring}): HTTP requests by route template
 * ({@code http_server_requests_seconds}), records written to Kafka by topic and outcome
 * ({@code orderflow_gateway_records_total}), our own gauges, and whatever the Kafka client binders add.
 */
public final class Metrics {

    public static final String APPLICATION = "ingest-gateway";

    private final PrometheusMeterRegistry registry;

    /** A registry with the JVM and process binders. */
    public Metrics() {
        this.registry = Monitoring.registry(APPLICATION);
    }

    /** One HTTP request answered. {@code route} is the route's template, never the concrete path. */
    public void request(String method, String route, int status, double durationSeconds) {
        Monitoring.request(registry, method, route, status, durationSeconds * 1000);
    }

    /** One record Kafka acknowledged ({@code ok}) or refused. Only the topic's name is a tag, never a key. */
    public void write(String topic, boolean ok) {
        Counter.builder("orderflow.gateway.records")
                .description("Records written to Kafka, by outcome")
                .tags("topic", topic, "result", ok ? "acknowledged" : "failed")
                .register(registry)
                .increment();
    }

    /** A gauge read when scraped; {@code name} in Micrometer's dotted form ({@code orderflow.gateway.idempotency.keys}). */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** Binds a binder (a Kafka client's) to the registry. */
    public void bind(MeterBinder binder) {
        binder.bindTo(registry);
    }

    /** Everything, in Prometheus' text format ({@link Monitoring#CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }
}
