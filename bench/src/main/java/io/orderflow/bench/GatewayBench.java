package io.orderflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figure 3: {@code POST /v1/orders} on the real gateway (its own JVM from its jar, as in production; 202 only
 * after Kafka acknowledged with acks=all) under wrk, against the same gateway's {@code GET /health/live} rate.
 * The baseline is measured before and after the POST run and averaged, so that drift of the shared machine
 * during the run shows and does not favour either side. Each POST carries no order id: the gateway assigns a
 * fresh one per request, as for a real new order. Then {@link ProduceProbe} measures the broker alone under the
 * same concurrency, which splits the POST latency into the broker's share and the gateway's, and {@link Floor} the
 * same POSTs on a bare Javalin server that only sends the body to Kafka: the most this figure can reach here.
 */
final class GatewayBench {

    private static final Logger log = LoggerFactory.getLogger(GatewayBench.class);
    private static final int WARM_UP_SECONDS = 15;

    private GatewayBench() {
    }

    static void run(Stack stack, int seconds, int connections, Report report) throws IOException, InterruptedException {
        if (!Wrk.available()) {
            report.add(new Row("3. POST /v1/orders", "not run: `wrk` not on the PATH (apt-get install wrk)", "—",
                    Optional.empty(), "≥ 0.5 × baseline", Optional.empty()));
            return;
        }
        try (AppProcess gateway = AppProcess.gateway(stack)) {
            String base = gateway.base;
            gateway.awaitReady(Duration.ofMinutes(2));
            Path script = stack.dir.resolve("post-order.lua");
            Files.writeString(script, POST_SCRIPT);

            log.info("warming up the gateway ({} s each)", WARM_UP_SECONDS);
            Wrk.run(base + "/health/live", Optional.empty(), WARM_UP_SECONDS, connections);
            Wrk.run(base + "/v1/orders", Optional.of(script), WARM_UP_SECONDS, connections);

            CpuMeter cpu = CpuMeter.here().process("gateway", gateway::cpuNanos)
                    .process("broker", stack.broker::cpuNanos).wrk();
            Between m = StealTimeline.measureWhileStolen(attempt -> {
                log.info("measuring: health, POST, health ({} s each, {} connections), attempt {}", seconds, connections,
                        attempt);
                return Between.measure(base, "/v1/orders", Optional.of(script), "POST", cpu, seconds, connections);
            }, Between::worstSteal, (attempt, other) -> String.format(Locale.ROOT, "attempt %d: POST %.2f × "
                            + "health %,.0f req/s, the host stole up to %.0f %% of a run (CPU per request: %s)", attempt,
                    other.ratio(), other.baselineRate(), 100 * other.worstSteal(), other.cpuSummary()),
                    "Figure 3", "one of its three wrk runs", report);
            Wrk.Result before = m.before();
            Wrk.Result post = m.route();
            Wrk.Result after = m.after();
            byte[] accepted = accepted(base);

            log.info("the broker alone: {} synchronous acks=all senders, {} s", connections, seconds);
            ProduceProbe.Result broker = ProduceProbe.run(stack, connections, seconds);

            report.add(new Row("3. POST /v1/orders, 202 after acks=all (wrk, 2 threads, " + connections + " connections, "
                    + seconds + " s)",
                    post.headline(),
                    String.format(Locale.ROOT, "GET /health/live %,.0f req/s, p99 %.1f ms", m.baselineRate(),
                            m.baselineP99()),
                    Optional.of(m.ratio()), "≥ 0.5 × baseline", Optional.of(m.clean() && m.ratio() >= 0.5)));
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
            report.note("Figure 3, CPU per request (µs; /proc; and how busy " + Runtime.getRuntime().availableProcessors()
                    + " cores were with these three, and how much of their time the host stole): " + m.cpuSummary()
                    + ".");

            Between floor = Floor.measure(stack, "Figure 3", "POST", Optional.empty(), Optional.of(accepted),
                    "/v1/orders", Optional.of(script), seconds, connections, report);
            report.add(Floor.row("3, floor: the same POSTs on a bare Javalin server (BareServer: the body's bytes sent "
                    + "as they are with the gateway's producer settings, a real 202's bytes after acks=all; no API key, "
                    + "validation, Avro or registry)", floor, 0.5));
            report.note(String.format(Locale.ROOT, "Figure 3's floor: health before %s; POST %s; health after %s. CPU "
                    + "per request: %s. The gateway's POST reached %.2f of the floor's ratio. By CPU alone, with every "
                    + "core busy and no wait, the floor's POST would reach %.2f × health (%.0f µs against %.0f µs, all "
                    + "processes).", floor.before().summary(), floor.route().summary(), floor.after().summary(),
                    floor.cpuSummary(), m.ratio() / floor.ratio(), floor.ratioWith(0), floor.routeMicros(),
                    floor.healthMicros()));
        }
    }

    /** The bytes of the gateway's 202 to one POST of the bench's order, for the floor to answer with. */
    private static byte[] accepted(String base) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/orders"))
                .header("Authorization", "Bearer demo-sales").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the gateway answered " + response.statusCode() + " to the bench's order: "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** The bench's order: no order id, so the gateway assigns a fresh one per request. */
    private static final String ORDER = "{\"channel\": \"PHONE\", \"expectedDeliveryDate\": \"2026-12-30\", "
            + "\"customer\": {\"id\": \"C001\", \"name\": \"Bench Customer\", \"contactName\": \"Bench\", "
            + "\"phone\": \"13800000000\", \"address\": \"1 Road\"}, \"paymentMethod\": \"BANK_TRANSFER\", "
            + "\"lines\": [{\"sku\": \"SKU-A\", \"quantity\": 3, \"unitPrice\": \"12.50\", \"amount\": \"37.50\"}]}";

    private static final String POST_SCRIPT = """
            -- POST /v1/orders without an order id: the gateway assigns a fresh one per request.
            wrk.method = "POST"
            wrk.headers["Authorization"] = "Bearer demo-sales"
            wrk.headers["Content-Type"] = "application/json"
            wrk.body = '%s'
            """.formatted(ORDER);
}
