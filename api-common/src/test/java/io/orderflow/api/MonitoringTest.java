package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MonitoringTest {

    @Test
    void shouldExposeTheJvmAndProcessInTheirUsualNamesTaggedWithTheApplication() {
        PrometheusMeterRegistry registry = Monitoring.registry("ingest-gateway");

        assertThat(Dashboard.exposedNames(registry.scrape())).contains("jvm_memory_used_bytes",
                "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_cpu_usage", "system_cpu_count", "process_uptime_seconds", "process_files_open_files");
        assertThat(registry.scrape()).contains("jvm_threads_live_threads{application=\"ingest-gateway\"}");
    }

    @Test
    void shouldTimeRequestsByRouteTemplateMethodStatusAndOutcome() {
        PrometheusMeterRegistry registry = Monitoring.registry("streams-app");

        Monitoring.request(registry, "GET", "/v1/orders/{id}", 404, 12.5);
        Monitoring.request(registry, "GET", "/v1/orders/{id}", 404, 7.5);
        Monitoring.request(registry, "POST", "/v1/orders", 503, 1);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("http_server_requests_seconds_count{application=\"streams-app\",method=\"GET\","
                        + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/v1/orders/{id}\"} 2")
                .contains("http_server_requests_seconds_sum{application=\"streams-app\",method=\"GET\","
                        + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/v1/orders/{id}\"} 0.02")
                .contains("outcome=\"SERVER_ERROR\",status=\"503\",uri=\"/v1/orders\"} 1")
                .contains("status=\"404\",uri=\"/v1/orders/{id}\",le=\"0.025\"} 2");
    }

    @Test
    void shouldServePrometheusText() {
        assertThat(Monitoring.CONTENT_TYPE).startsWith("text/plain; version=0.0.4");
    }
}
