package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.streams.analytics.Cancellations;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/reports/cancellations}: the computed {@code report-cancellations} store, one row per month, its
 * parts in both partitions (one per instance) summed before the rate is worked out; CSV and XLSX as every report.
 */
class CancellationsReportRoutesTest {

    private final TestCluster cluster = new TestCluster(2);

    @BeforeEach
    void peerOwnsPartitionOne() {
        cluster.state.owners.put(1, cluster.peer);
        cluster.state.putIn("report-cancellations", 0, "2026-11", new Cancellations(3, 1));
        cluster.state.putIn("report-cancellations", 1, "2026-11", new Cancellations(5, 1));
        cluster.state.putIn("report-cancellations", 1, "2026-10", new Cancellations(4, 0));
        cluster.state.putIn("report-cancellations", 0, "2026-12", new Cancellations(0, 2));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void shouldAnswerEveryMonthNewestFirstWithTheRateOfTheSummedParts() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            var response = cluster.get("/v1/reports/cancellations", "demo-analyst");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode items = json(response).get("items");
            assertThat(items.findValuesAsText("month")).containsExactly("2026-12", "2026-11", "2026-10");
            JsonNode november = items.get(1);
            assertThat(november.get("placed").asLong()).isEqualTo(8);
            assertThat(november.get("cancelled").asLong()).isEqualTo(2);
            assertThat(november.get("cancellationRate").decimalValue()).as("2 of 8, not the parts' 1/3 and 1/5")
                    .isEqualByComparingTo("0.25");
            assertThat(items.get(0).get("cancellationRate").decimalValue()).as("none placed")
                    .isEqualByComparingTo("0");
        });
    }

    @Test
    void shouldAnswerOneMonthWhenAsked() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode items = json(cluster.get("/v1/reports/cancellations?month=2026-10", "demo-analyst")).get("items");

            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("placed").asLong()).isEqualTo(4);
        });
    }

    @Test
    void shouldRefuseAMalformedMonthNamingIt() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            var response = cluster.get("/v1/reports/cancellations?month=11-2026", "demo-analyst");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("problems").findValuesAsText("field")).containsExactly("month");
        });
    }

    @Test
    void shouldExportTheSameRowsAsCsvAndXlsxWithChineseHeadersOnRequest() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            List<String> lines = Arrays.asList(text(cluster.get("/v1/reports/cancellations?format=csv",
                    "demo-analyst")).split("\r\n"));

            assertThat(lines).containsExactly("\uFEFFmonth,placed,cancelled,cancellationRate", "2026-12,0,2,0.0000",
                    "2026-11,8,2,0.2500", "2026-10,4,0,0.0000");
            assertThat(text(cluster.get("/v1/reports/cancellations?format=csv&lang=zh", "demo-analyst")))
                    .startsWith("\uFEFF月份,下单数,取消数,取消率");
            var xlsx = cluster.get("/v1/reports/cancellations?format=xlsx", "demo-analyst");
            assertThat(xlsx.statusCode()).isEqualTo(200);
            assertThat(Workbooks.cells(xlsx.body())).contains("cancellationRate", "2026-11", "8");
        });
    }

    @Test
    void shouldServeReportReadersOnly() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            assertThat(cluster.get("/v1/reports/cancellations", "demo-warehouse").statusCode()).isEqualTo(403);
            assertThat(cluster.get("/v1/reports/cancellations", "demo-platform").statusCode()).isEqualTo(403);
            assertThat(cluster.get("/v1/reports/cancellations", "demo-sales").statusCode()).isEqualTo(200);
        });
    }
}
