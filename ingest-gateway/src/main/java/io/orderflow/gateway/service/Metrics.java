package io.orderflow.gateway.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The gateway's counters, rendered in the Prometheus text format (version 0.0.4). Small on purpose: counters with
 * labels, a summary-style sum/count per route, and gauges read when scraped.
 */
public final class Metrics {

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> seconds = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

    /** One HTTP request answered. {@code route} is the route's template, never the concrete path. */
    public void request(String method, String route, int status, double durationSeconds) {
        String labels = "method=\"" + method + "\",route=\"" + escape(route) + "\"";
        requests.computeIfAbsent(labels + ",status=\"" + status + "\"", k -> new LongAdder()).increment();
        seconds.computeIfAbsent(labels, k -> new DoubleAdder()).add(durationSeconds);
    }

    /** One record Kafka acknowledged ({@code ok}) or refused. */
    public void write(String topic, boolean ok) {
        writes.computeIfAbsent("topic=\"" + escape(topic) + "\",result=\"" + (ok ? "acknowledged" : "failed") + "\"",
                k -> new LongAdder()).increment();
    }

    public void gauge(String name, Supplier<Number> value) {
        gauges.put(name, value);
    }

    public String scrape() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP orderflow_gateway_requests_total HTTP requests answered.\n")
                .append("# TYPE orderflow_gateway_requests_total counter\n");
        new TreeMap<>(requests).forEach((labels, n) ->
                out.append("orderflow_gateway_requests_total{").append(labels).append("} ").append(n.sum()).append('\n'));
        out.append("# HELP orderflow_gateway_request_seconds_sum Time spent answering, per route.\n")
                .append("# TYPE orderflow_gateway_request_seconds_sum counter\n");
        new TreeMap<>(seconds).forEach((labels, s) ->
                out.append("orderflow_gateway_request_seconds_sum{").append(labels).append("} ").append(s.sum())
                        .append('\n'));
        out.append("# HELP orderflow_gateway_records_total Records written to Kafka, by outcome.\n")
                .append("# TYPE orderflow_gateway_records_total counter\n");
        new TreeMap<>(writes).forEach((labels, n) ->
                out.append("orderflow_gateway_records_total{").append(labels).append("} ").append(n.sum()).append('\n'));
        new TreeMap<>(gauges).forEach((name, value) -> out.append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value.get()).append('\n'));
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
