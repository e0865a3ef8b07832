package io.orderflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figure 9: a shop's ledger of {@code rows} orders, with Chinese headers and statuses (delivered and paid, as a
 * year of finished business is), imported through {@code POST /v1/imports/orders} by an admin on the real gateway
 * (its own JVM from its jar, {@code -Xmx512m}): the time until the 202 (every row checked, the file streamed to a
 * temporary file and read once), the time until the status URL says DONE (every row read again and written to
 * Kafka, acks=all), and the gateway's resident memory: idle before, and at most while importing (sampled every
 * 100 ms) against the same after a 1 000-row import that warmed it up. A reader that held the file or its rows
 * would grow with the file; a streamed one does not.
 */
final class ImportBench {

    private static final Logger log = LoggerFactory.getLogger(ImportBench.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SKUS = 20;
    private static final String HEADER = "订单编号,下单日期,渠道,客户编号,客户名称,商品编号,数量,单价,已发货数量,订单状态,"
            + "审核人,审核时间,物流信息,实际交付日期,付款状态,已付款,负责人,创建人,创建时间";

    private ImportBench() {
    }

    static void run(Stack stack, int rows, Report report) throws IOException, InterruptedException {
        Path warmUp = ledger(stack.dir.resolve("ledger-warm-up.csv"), "w", 1_000);
        Path file = ledger(stack.dir.resolve("ledger.csv"), "b", rows);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (AppProcess gateway = AppProcess.gateway(stack)) {
            gateway.awaitReady(Duration.ofMinutes(2));
            for (int i = 0; i < SKUS; i++) {
                send(http, HttpRequest.newBuilder(URI.create(gateway.base + "/v1/products/BI-" + i))
                        .header("Authorization", "Bearer demo-warehouse").header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"Tea " + i + "\", \"category\": \"tea\", "
                                + "\"unitPrice\": \"12.50\", \"reorderPoint\": 0}")).build(), 202);
            }
            log.info("import: warming the gateway up with 1 000 rows");
            imported(http, gateway, warmUp, new long[1]);
            long idle = gateway.rssBytes();
            log.info("import: {} rows ({} MiB), idle RSS {} MiB", rows, Files.size(file) >> 20, idle >> 20);
            long[] peak = {idle};
            long start = System.nanoTime();
            double[] times = imported(http, gateway, file, peak);
            double total = (System.nanoTime() - start) / 1e9;
            double checked = times[0];
            report.add(new Row(String.format(Locale.ROOT, "9. ledger import, %,d rows (CSV %d MiB, Chinese headers, "
                            + "statuses), admin, one gateway", rows, Files.size(file) >> 20),
                    String.format(Locale.ROOT, "%.1f s to DONE (%,.0f rows/s); the 202 with every row checked after "
                            + "%.1f s; gateway RSS at most %d MiB while importing", total, rows / total, checked,
                            peak[0] >> 20),
                    String.format(Locale.ROOT, "RSS idle %d MiB (after a 1 000-row import)", idle >> 20),
                    Optional.of((double) peak[0] / idle), "bounded memory: the file streamed, not held",
                    Optional.empty()));
            report.note(String.format(Locale.ROOT, "Figure 9: the ratio is the gateway's largest RSS while importing "
                    + "%,d rows over its RSS idle after a 1 000-row import; the heap is capped at 512 MiB, so only "
                    + "growth well below that says the rows were not held.", rows));
        }
    }

    /**
     * Uploads {@code file} and waits until its import is DONE, sampling the gateway's RSS into {@code peak}; the
     * seconds until the 202 and until DONE.
     */
    private static double[] imported(HttpClient http, AppProcess gateway, Path file, long[] peak)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> accepted = send(http, HttpRequest.newBuilder(URI.create(gateway.base
                        + "/v1/imports/orders?name=" + URLEncoder.encode(file.getFileName().toString(),
                        StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer demo-admin").header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), 202);
        double checked = (System.nanoTime() - start) / 1e9;
        String status = gateway.base + accepted.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("no Location in " + accepted.body()));
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (true) {
            peak[0] = Math.max(peak[0], gateway.rssBytes());
            JsonNode report = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(status))
                    .header("Authorization", "Bearer demo-admin").GET().build(), 200).body());
            if (report.path("status").asText().equals("DONE")) {
                if (report.path("rowsRejected").asInt() != 0) {
                    throw new IllegalStateException("the bench's ledger had rows rejected: " + report);
                }
                return new double[] {checked, (System.nanoTime() - start) / 1e9};
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("import not done in 15 minutes: " + report);
            }
            Thread.sleep(100); // the bench's pace of reading the status URL and the RSS, not a readiness wait
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + response.statusCode()
                    + " " + response.body());
        }
        return response;
    }

    /** A ledger of {@code rows} delivered and paid one-line orders, written row by row. */
    static Path ledger(Path file, String prefix, int rows) throws IOException {
        LocalDate first = LocalDate.of(2025, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (int i = 0; i < rows; i++) {
                LocalDate day = first.plusDays(i % 360);
                int quantity = 1 + i % 4;
                String amount = new java.math.BigDecimal("12.50").multiply(java.math.BigDecimal.valueOf(quantity))
                        .toPlainString();
                out.write(String.join(",", "bench-" + prefix + "-" + i, day.toString(), "线上", "C-" + (i % 5000),
                        "客户" + (i % 5000), "BI-" + (i % SKUS), String.valueOf(quantity), "12.50",
                        String.valueOf(quantity), "已送达", "wu.reviewer", day + " 10:00", "顺丰 SF-" + prefix + i,
                        day.plusDays(3).toString(), "已付款", amount, "李销售", "lin.sales", day + " 09:00"));
                out.write('\n');
            }
        }
        return file;
    }
}
