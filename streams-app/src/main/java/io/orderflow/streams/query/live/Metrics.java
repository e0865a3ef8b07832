package io.orderflow.streams.query.live;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Prometheus text exposition: the query API's requests (by route and status) and every numeric
 * Kafka Streams metric (client, thread, task, store, RocksDB), each as a gauge
 * {@code kafka_streams_<group>_<name>} with its tags as labels.
 */
public final class Metrics {

    private final Supplier<Map<MetricName, ? extends Metric>> streams;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    public Metrics(Supplier<Map<MetricName, ? extends Metric>> streams) {
        this.streams = streams;
    }

    public void request(String method, String route, int status) {
        requests.computeIfAbsent("method=\"" + method + "\",route=\"" + escape(route) + "\",status=\"" + status + "\"",
                k -> new LongAdder()).increment();
    }

    public String scrape() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP orderflow_query_requests_total Requests answered by the query API.\n");
        out.append("# TYPE orderflow_query_requests_total counter\n");
        new TreeMap<>(requests).forEach((labels, count) ->
                out.append("orderflow_query_requests_total{").append(labels).append("} ").append(count.sum()).append('\n'));
        Map<String, StringBuilder> families = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.get().entrySet()) {
            Object value = entry.getValue().metricValue();
            if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())
                    || Double.isInfinite(number.doubleValue())) {
                continue;
            }
            MetricName name = entry.getKey();
            String family = sanitize("kafka_streams_" + name.group() + "_" + name.name());
            StringBuilder lines = families.computeIfAbsent(family, f -> new StringBuilder());
            lines.append(family).append('{');
            String separator = "";
            for (Map.Entry<String, String> tag : new TreeMap<>(name.tags()).entrySet()) {
                lines.append(separator).append(sanitize(tag.getKey())).append("=\"").append(escape(tag.getValue())).append('"');
                separator = ",";
            }
            lines.append("} ").append(number.doubleValue()).append('\n');
        }
        families.forEach((family, lines) -> out.append("# TYPE ").append(family).append(" gauge\n").append(lines));
        return out.toString();
    }

    private static String sanitize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
