package io.orderflow.bench;

import java.io.IOException;
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
 * same concurrency, which splits the POST latency into the broker's share and the gateway's.
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
                    .process("broker (the bench's JVM)", Offsets::processCpuNanos).wrk();
            Measured m = StealTimeline.measureWhileStolen(attempt -> {
                log.info("measuring: health, POST, health ({} s each, {} connections), attempt {}", seconds, connections,
                        attempt);
                return measure(base, script, cpu, seconds, connections);
            }, Measured::worstSteal, (attempt, other) -> String.format(Locale.ROOT, "attempt %d: POST %.2f × "
                            + "health %,.0f req/s, the host stole up to %.0f %% of a run (CPU per request: %s)", attempt,
                    other.post().requestsPerSecond() / other.baselineRate(), other.baselineRate(),
                    100 * other.worstSteal(), other.cpuSummary()),
                    "Figure 3", "one of its three wrk runs", report);
            Wrk.Result before = m.before();
            Wrk.Result post = m.post();
            Wrk.Result after = m.after();

            log.info("the broker alone: {} synchronous acks=all senders, {} s", connections, seconds);
            ProduceProbe.Result broker = ProduceProbe.run(stack, connections, seconds);

            double baselineRate = m.baselineRate();
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
            report.note("Figure 3, CPU per request (µs; /proc; and how busy " + Runtime.getRuntime().availableProcessors()
                    + " cores were with these three, and how much of their time the host stole): " + m.cpuSummary()
                    + ".");
        }
    }

    /** One measurement: health, POST, health, with what each cost and the most the host stole of one. */
    private record Measured(Wrk.Result before, Wrk.Result post, Wrk.Result after, String cpuSummary,
            double worstSteal) {

        double baselineRate() {
            return (before.requestsPerSecond() + after.requestsPerSecond()) / 2;
        }
    }

    private static Measured measure(String base, Path script, CpuMeter cpu, int seconds, int connections) {
        CpuMeter.Snapshot cpu0 = cpu.now();
        Wrk.Result before = Wrk.run(base + "/health/live", Optional.empty(), seconds, connections);
        CpuMeter.Snapshot cpu1 = cpu.now();
        Wrk.Result post = Wrk.run(base + "/v1/orders", Optional.of(script), seconds, connections);
        CpuMeter.Snapshot cpu2 = cpu.now();
        Wrk.Result after = Wrk.run(base + "/health/live", Optional.empty(), seconds, connections);
        CpuMeter.Snapshot cpu3 = cpu.now();
        double worst = Math.max(CpuMeter.steal(cpu0, cpu1), Math.max(CpuMeter.steal(cpu1, cpu2), CpuMeter.steal(cpu2, cpu3)));
        return new Measured(before, post, after, "health before " + cpu.perRequest(cpu0, cpu1, before.requests())
                + "; POST " + cpu.perRequest(cpu1, cpu2, post.requests()) + "; health after "
                + cpu.perRequest(cpu2, cpu3, after.requests()), worst);
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
