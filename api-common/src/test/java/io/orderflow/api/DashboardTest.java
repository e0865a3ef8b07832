package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardTest {

    @Test
    void shouldNameTheMetricsOfAQueryNotItsFunctionsLabelsOrRanges() {
        assertThat(Dashboard.namesIn("histogram_quantile(0.95, sum by (le, uri) "
                + "(rate(http_server_requests_seconds_bucket{application=\"ingest-gateway\", uri!~\"/health.*\"}"
                + "[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(Dashboard.namesIn("sum(rate(a_total{x=\"y\"}[5m])) / ignoring(result) group_left "
                + "sum without (topic) (b_total offset 1h) > bool 1e3 or vector(0)"))
                .containsExactly("a_total", "b_total");
    }

    @Test
    void shouldSayWhatAQueryNamesThatTheScrapeDoesNotExpose() {
        Dashboard dashboard = Dashboard.parse("""
                {"panels": [
                  {"title": "requests", "targets": [{"expr": "sum(rate(http_server_requests_seconds_count{application=\\"ingest-gateway\\"}[1m]))"}]},
                  {"title": "a row", "panels": [
                    {"title": "made up", "targets": [{"expr": "orderflow_not_a_metric{application=\\"ingest-gateway\\"}"}]}]},
                  {"title": "elsewhere", "targets": [{"expr": "up{application=\\"streams-app\\"}"}]}
                ]}
                """);
        String scrape = """
                # HELP http_server_requests_seconds HTTP requests answered
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_count{application="ingest-gateway",method="GET"} 3
                jvm_threads_live_threads{application="ingest-gateway"} 12.0
                """;

        assertThat(dashboard.metricNames("ingest-gateway"))
                .containsExactly("http_server_requests_seconds_count", "orderflow_not_a_metric");
        assertThat(dashboard.missing("ingest-gateway", scrape)).containsExactly("orderflow_not_a_metric");
        assertThat(dashboard.missing("streams-app", scrape)).containsExactly("up");
    }

    @Test
    void shouldHaveEveryQueryOfTheShippedDashboardReadOneOfTheTwoApps() {
        Dashboard dashboard = Dashboard.shipped();

        assertThat(dashboard.queries()).isNotEmpty();
        assertThat(dashboard.queries()).allSatisfy(query -> {
            assertThat(query.application()).as(query.expr()).isIn("ingest-gateway", "streams-app");
            assertThat(query.metricNames()).as(query.expr()).isNotEmpty();
        });
    }
}
