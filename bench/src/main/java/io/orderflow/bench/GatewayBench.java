package io.orderflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figure 3: {@code POST /v1/orders} on the real gateway (its own JVM from its jar, as in production; 202 only
 * after Kafka acknowledged with acks=all) under wrk, against the same gateway's {@code GET /health/live} rate.
 * The baseline is measured before and after the POST run and averaged, so that drift of the shared machine
 * during the run shows and does not favour either side. Each POST carries no order id: the gateway assigns a
 * fresh one per request, as for a real new order. Then {@link ProduceProbe} measures the broker alone under the
 * same concurrency, which splits the POST latency into the broker's share and the gateway's.
 */
final class GatewayBench {

    private static final Logger log = LoggerFactory.getLogger(GatewayBench.class);
    private static final int WARM_UP_SECONDS = 5;

    private GatewayBench() {
    }

    static void run(Stack stack, int seconds, int connections, Report report) throws IOException, InterruptedException {
        if (!Wrk.available()) {
            report.add(new Row("3. POST /v1/orders", "not run: `wrk` not on the PATH (apt-get install wrk)", "—",
                    Optional.empty(), "≥ 0.5 × baseline", Optional.empty()));
            return;
        }
        Path jar = gatewayJar();
        int port = Stack.freePort();
        Path logFile = stack.dir.resolve("gateway.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        command.addAll(AppProcess.extraJavaOptions());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        builder.environment().put("SCHEMA_REGISTRY_URL", stack.registry.url());
        builder.environment().put("GATEWAY_PORT", String.valueOf(port));
        builder.environment().put("GATEWAY_INSTANCE_ID", "bench-gateway");
        Process gateway = builder.start();
        try {
            String base = "http://localhost:" + port;
            awaitReady(base, gateway, logFile);
            Path script = stack.dir.resolve("post-order.lua");
            Files.writeString(script, POST_SCRIPT);

            log.info("warming up the gateway ({} s each)", WARM_UP_SECONDS);
            Wrk.run(base + "/health/live", Optional.empty(), WARM_UP_SECONDS, connections);
            Wrk.run(base + "/v1/orders", Optional.of(script), WARM_UP_SECONDS, connections);

            log.info("measuring: health, POST, health ({} s each, {} connections)", seconds, connections);
            Wrk.Result before = Wrk.run(base + "/health/live", Optional.empty(), seconds, connections);
            Wrk.Result post = Wrk.run(base + "/v1/orders", Optional.of(script), seconds, connections);
            Wrk.Result after = Wrk.run(base + "/health/live", Optional.empty(), seconds, connections);

            log.info("the broker alone: {} synchronous acks=all senders, {} s", connections, seconds);
            ProduceProbe.Result broker = ProduceProbe.run(stack, connections, seconds);

            double baselineRate = (before.requestsPerSecond() + after.requestsPerSecond()) / 2;
            double baselineP99 = Math.max(before.p99Millis(), after.p99Millis());
            double ratio = post.requestsPerSecond() / baselineRate;
            boolean clean = post.non2xx() == 0 && post.socketErrors() == 0;
            report.add(new Row("3. POST /v1/orders, 202 after acks=all (wrk, 2 threads, " + connections + " connections, "
                    + seconds + " s)",
                    String.format(Locale.ROOT, "%,.0f req/s, p99 %.1f ms", post.requestsPerSecond(), post.p99Millis()),
                    String.format(Locale.ROOT, "GET /health/live %,.0f req/s, p99 %.1f ms", baselineRate, baselineP99),
                    Optional.of(ratio), "≥ 0.5 × baseline", Optional.of(clean && ratio >= 0.5)));
            report.add(new Row("3, split: the broker alone, " + connections + " senders each waiting for its acks=all "
                    + "(the gateway's producer settings, 300-byte records)",
                    String.format(Locale.ROOT, "%,.0f records/s, p50 %.1f ms, p99 %.1f ms", broker.perSecond(),
                            broker.p50Millis(), broker.p99Millis()),
                    String.format(Locale.ROOT, "POST %,.0f req/s, p50 %.1f ms", post.requestsPerSecond(), post.p50Millis()),
                    Optional.of(post.requestsPerSecond() / broker.perSecond()), "— (POST / broker alone)",
                    Optional.empty()));
            report.note(String.format(Locale.ROOT,
                    "Figure 3: health before %s; POST %s (%d requests, %d non-2xx, %d socket errors); health after %s.",
                    before.summary(), post.summary(), post.requests(), post.non2xx(), post.socketErrors(),
                    after.summary()));
        } finally {
            gateway.destroy();
            try {
                if (!gateway.waitFor(15, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                gateway.destroyForcibly();
            }
        }
    }

    /** The gateway's jar: {@code ingest-gateway/target} in the working directory or a parent of it. */
    private static Path gatewayJar() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(Path.of("ingest-gateway", "target", "orderflow-ingest-gateway.jar"));
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("ingest-gateway/target/orderflow-ingest-gateway.jar not found; "
                + "build with mvn -pl bench -am package -DskipTests (./bench.sh does)");
    }

    private static void awaitReady(String base, Process gateway, Path logFile) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway exited; its log:\n" + Files.readString(logFile));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            // pacing between readiness polls; the poll above decides
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        throw new IllegalStateException("the gateway was not ready within 2 minutes; log " + logFile);
    }

    private static final String POST_SCRIPT = """
            -- POST /v1/orders without an order id: the gateway assigns a fresh one per request.
            wrk.method = "POST"
            wrk.headers["Authorization"] = "Bearer demo-sales"
            wrk.headers["Content-Type"] = "application/json"
            wrk.body = '{"channel": "PHONE", "expectedDeliveryDate": "2026-12-30", '
              .. '"customer": {"id": "C001", "name": "Bench Customer", "contactName": "Bench", "phone": "13800000000", "address": "1 Road"}, '
              .. '"paymentMethod": "BANK_TRANSFER", '
              .. '"lines": [{"sku": "SKU-A", "quantity": 3, "unitPrice": "12.50", "amount": "37.50"}]}'
            """;
}
