package io.orderflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.streams.Topics;
import io.orderflow.streams.order.OrderLifecycleTopology;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figure 4: {@code GET /v1/orders/{id}} on one of two streams-app instances (each its own JVM from its jar), under
 * wrk, for keys that instance owns (local: an IQv2 key query on its own RocksDB) and for keys the other one owns
 * (routed: proxied to the owner over HTTP), against the same instance's {@code GET /health/live}, measured
 * before and after and averaged. The orders are written into {@code orders-store}'s changelog before the apps
 * start ({@link OrderStates}), so both instances restore them; which instance owns which key comes from
 * {@code GET /v1/instances} (the partitions of {@code orders-store} each holds) and the key's partition under
 * Kafka's default partitioner. Each wrk connection walks its own list of ids, so requests spread over many keys.
 * Then {@link Floor}: the same GETs on a bare Javalin server answering a real order's bytes, and relayed by one
 * bare server from another: the most this figure can reach here, local and routed; and {@link ReadWork}, what an
 * order GET must add to the local floor.
 */
final class ReadBench {

    private static final Logger log = LoggerFactory.getLogger(ReadBench.class);
    private static final String APPLICATION_ID = "bench-reads";
    private static final int PARTITIONS = 6;
    private static final int WARM_UP_SECONDS = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadBench() {
    }

    /**
     * {@code pinned}: each instance kept to a core of its own ({@code taskset -c 0} and {@code -c 1}; wrk and the
     * broker still share both), as two machines would keep them apart; otherwise the two JVMs share both cores.
     */
    static void run(Stack stack, int orders, int seconds, int connections, boolean pinned, Report report)
            throws IOException {
        if (!Wrk.available()) {
            report.add(new Row("4. GET /v1/orders/{id}", "not run: `wrk` not on the PATH (apt-get install wrk)", "—",
                    Optional.empty(), "local ≥ 0.8 ×, routed ≥ 0.4 ×", Optional.empty()));
            return;
        }
        Topics topics = OrderStates.prepare(stack, APPLICATION_ID, PARTITIONS);
        log.info("reads: writing {} order states into {}", orders, OrderStates.changelog(APPLICATION_ID));
        OrderStates.write(stack, topics, APPLICATION_ID, 0, orders);
        Map<String, String> extra = Map.of("ORDERFLOW_TOPIC_PARTITIONS", String.valueOf(PARTITIONS));
        try (AppProcess a = AppProcess.streamsApp(stack, APPLICATION_ID, "a", extra,
                        pinned ? Optional.of("0") : Optional.empty());
                AppProcess b = AppProcess.streamsApp(stack, APPLICATION_ID, "b", extra,
                        pinned ? Optional.of("1") : Optional.empty())) {
            a.awaitReady(Duration.ofMinutes(3));
            b.awaitReady(Duration.ofMinutes(3));
            Set<Integer> onA = awaitSplit(a, b);
            List<String> local = new ArrayList<>();
            List<Integer> localOrders = new ArrayList<>();
            List<String> routed = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String id = OrderStates.orderId(i);
                if (onA.contains(OrderStates.partition(id, PARTITIONS))) {
                    local.add(id);
                    localOrders.add(i);
                } else {
                    routed.add(id);
                }
            }
            awaitAnswers(a, local.get(0), routed.get(0));
            Path localScript = script(stack.dir.resolve("reads-local.lua"), local);
            Path routedScript = script(stack.dir.resolve("reads-routed.lua"), routed);

            log.info("reads: warming up ({} s each)", WARM_UP_SECONDS);
            Wrk.run(a.base + "/health/live", Optional.empty(), WARM_UP_SECONDS, connections);
            Wrk.run(a.base + "/", Optional.of(localScript), WARM_UP_SECONDS, connections);
            Wrk.run(a.base + "/", Optional.of(routedScript), WARM_UP_SECONDS, connections);

            CpuMeter cpu = CpuMeter.here().process("asked", a::cpuNanos).process("other", b::cpuNanos).wrk();
            Measured m = StealTimeline.measureWhileStolen(attempt -> {
                log.info("reads: measuring health, local, routed, health ({} s each, {} connections), attempt {}", seconds,
                        connections, attempt);
                return measure(a, b, cpu, localScript, routedScript, seconds, connections);
            }, Measured::worstSteal, (attempt, other) -> String.format(Locale.ROOT, "attempt %d: local %.2f ×, "
                            + "routed %.2f × of health %,.0f req/s, the host stole up to %.0f %% of a run (CPU per "
                            + "request: %s)", attempt, other.local().requestsPerSecond() / other.baselineRate(),
                    other.routed().requestsPerSecond() / other.baselineRate(), other.baselineRate(),
                    100 * other.worstSteal(), other.cpuSummary()),
                    "Figure 4", "one of its four wrk runs", report);

            String baseline = String.format(Locale.ROOT, "GET /health/live %,.0f req/s, p99 %.1f ms", m.baselineRate(),
                    m.baselineP99());
            String setup = " (wrk, 2 threads, " + connections + " connections, " + seconds + " s"
                    + (pinned ? "; each instance on a core of its own" : "") + ")";
            row(report, "4. GET /v1/orders/{id}, local: the asked instance owns the key, " + local.size() + " ids" + setup,
                    m.local(), baseline, m.baselineRate(), 0.8);
            row(report, "4. GET /v1/orders/{id}, routed: the other instance owns the key, " + routed.size() + " ids" + setup,
                    m.routed(), baseline, m.baselineRate(), 0.4);
            report.note(String.format(Locale.ROOT,
                    "Figure 4: %,d orders in state (written to %s, restored by both instances); the asked instance holds "
                            + "orders-store partitions %s of %d. Health before %s; local %s (%d requests, %d non-2xx, "
                            + "%d socket errors); routed %s (%d requests, %d non-2xx, %d socket errors); health after %s.",
                    orders, OrderStates.changelog(APPLICATION_ID), onA, PARTITIONS, m.before().summary(),
                    m.local().summary(), m.local().requests(), m.local().non2xx(), m.local().socketErrors(),
                    m.routed().summary(), m.routed().requests(), m.routed().non2xx(), m.routed().socketErrors(),
                    m.after().summary()));
            report.note("Figure 4, CPU per request (µs; /proc: the asked instance, the other, wrk; and how busy "
                    + Runtime.getRuntime().availableProcessors() + " cores were with these three, and how much of "
                    + "their time the host stole): " + m.cpuSummary() + ".");
            report.note("Figure 4, requests the two instances answered (their /metrics, by route), during the local run: "
                    + m.requestsSummary() + ".");

            byte[] order = body(a.base + "/v1/orders/" + local.get(0));
            Between floor = Floor.measure(stack, "Figure 4", "local GET", Optional.of(order), Optional.empty(), "/",
                    Optional.of(localScript), seconds, connections, report);
            report.add(Floor.row("4, floor, local: the same local GETs on a bare Javalin server (BareServer: a real order "
                    + "answer's " + order.length + " bytes as they are; no API key, owner, store, Avro or JSON)", floor, 0.8));
            report.note(String.format(Locale.ROOT, "Figure 4's floor, local: health before %s; GET %s; health after %s. "
                    + "CPU per request: %s. The local GET reached %.2f of the floor's ratio.", floor.before().summary(),
                    floor.route().summary(), floor.after().summary(), floor.cpuSummary(),
                    m.local().requestsPerSecond() / m.baselineRate() / floor.ratio()));
            ReadWork.Result work = ReadWork.measure(topics, localOrders.subList(0, Math.min(2000, localOrders.size())));
            report.add(new Row("4, what an order GET adds to the floor, timed alone (one thread, warmed up, CPU per "
                    + "order): decode the stored order (Avro; no GET can skip it), build its view, write its JSON",
                    String.format(Locale.ROOT, "decode %.1f µs, view %.1f µs, JSON %.1f µs", work.decodeMicros(),
                            work.viewMicros(), work.jsonMicros()),
                    String.format(Locale.ROOT, "the floor's CPU per request (all processes): health %.0f µs, GET %.0f µs",
                            floor.healthMicros(), floor.routeMicros()),
                    Optional.of(floor.ratioWith(work.decodeMicros())), "— (the most a local GET that decodes the order "
                            + "can reach here: health / (floor GET + decode); its target 0.8 ×)", Optional.empty()));
            report.note(String.format(Locale.ROOT, "Figure 4, by CPU: the floor's GET with the decoding alone would reach "
                    + "%.2f × health, with the decoding, the view and the JSON %.2f × (%.1f µs of our work on %.0f µs of "
                    + "the floor's GET, %.0f µs a health check).", floor.ratioWith(work.decodeMicros()),
                    floor.ratioWith(work.totalMicros()), work.totalMicros(), floor.routeMicros(), floor.healthMicros()));
            Between relayed = Floor.routed(stack, "Figure 4", order, Optional.of(localScript), seconds, connections,
                    report);
            report.add(Floor.row("4, floor, routed: the same GETs relayed by one bare Javalin server from another "
                    + "(the JDK's HTTP client, as the streams-app relays them)", relayed, 0.4));
            report.note(String.format(Locale.ROOT, "Figure 4's floor, routed: health before %s; GET %s; health after %s. "
                    + "CPU per request: %s. The routed GET reached %.2f of the floor's ratio.", relayed.before().summary(),
                    relayed.route().summary(), relayed.after().summary(), relayed.cpuSummary(),
                    m.routed().requestsPerSecond() / m.baselineRate() / relayed.ratio()));
        }
    }

    /** The bytes of the asked instance's answer to {@code url}, for the floor to answer with. */
    private static byte[] body(String url) throws IOException {
        HttpResponse<byte[]> response = get(HttpClient.newHttpClient(), url);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** One measurement: health, local, routed, health, with what each cost and the most the host stole of one. */
    private record Measured(Wrk.Result before, Wrk.Result local, Wrk.Result routed, Wrk.Result after,
            String cpuSummary, String requestsSummary, double worstSteal) {

        double baselineRate() {
            return (before.requestsPerSecond() + after.requestsPerSecond()) / 2;
        }

        double baselineP99() {
            return Math.max(before.p99Millis(), after.p99Millis());
        }
    }

    private static Measured measure(AppProcess a, AppProcess b, CpuMeter cpu, Path localScript, Path routedScript,
            int seconds, int connections) {
        CpuMeter.Snapshot cpu0 = cpu.now();
        Wrk.Result before = Wrk.run(a.base + "/health/live", Optional.empty(), seconds, connections);
        CpuMeter.Snapshot cpu1 = cpu.now();
        Map<String, Long> a0 = requests(a);
        Map<String, Long> b0 = requests(b);
        CpuMeter.Snapshot cpu2 = cpu.now();
        Wrk.Result localRun = Wrk.run(a.base + "/", Optional.of(localScript), seconds, connections);
        CpuMeter.Snapshot cpu3 = cpu.now();
        Map<String, Long> a1 = requests(a);
        Map<String, Long> b1 = requests(b);
        CpuMeter.Snapshot cpu4 = cpu.now();
        Wrk.Result routedRun = Wrk.run(a.base + "/", Optional.of(routedScript), seconds, connections);
        CpuMeter.Snapshot cpu5 = cpu.now();
        Map<String, Long> a2 = requests(a);
        Map<String, Long> b2 = requests(b);
        CpuMeter.Snapshot cpu6 = cpu.now();
        Wrk.Result after = Wrk.run(a.base + "/health/live", Optional.empty(), seconds, connections);
        CpuMeter.Snapshot cpu7 = cpu.now();
        double worst = Math.max(Math.max(CpuMeter.steal(cpu0, cpu1), CpuMeter.steal(cpu2, cpu3)),
                Math.max(CpuMeter.steal(cpu4, cpu5), CpuMeter.steal(cpu6, cpu7)));
        return new Measured(before, localRun, routedRun, after,
                "health before " + cpu.perRequest(cpu0, cpu1, before.requests()) + "; local "
                        + cpu.perRequest(cpu2, cpu3, localRun.requests()) + "; routed "
                        + cpu.perRequest(cpu4, cpu5, routedRun.requests()) + "; health after "
                        + cpu.perRequest(cpu6, cpu7, after.requests()),
                "asked " + delta(a0, a1) + ", other " + delta(b0, b1) + "; during the routed run: asked "
                        + delta(a1, a2) + ", other " + delta(b1, b2),
                worst);
    }

    private static void row(Report report, String figure, Wrk.Result run, String baseline, double baselineRate,
            double target) {
        double ratio = run.requestsPerSecond() / baselineRate;
        report.add(new Row(figure, run.headline(), baseline, Optional.of(ratio),
                String.format(Locale.ROOT, "≥ %.1f × baseline", target), Optional.of(run.clean() && ratio >= target)));
    }

    /**
     * Waits until the two instances hold {@code orders-store}'s partitions between them, each at least one, as
     * {@code GET /v1/instances} on the first says; returns the first's.
     */
    private static Set<Integer> awaitSplit(AppProcess a, AppProcess b) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(a.base + "/v1/instances"))
                        .header("Authorization", "Bearer demo-analyst").build(), HttpResponse.BodyHandlers.ofString());
                last = response.body();
                if (response.statusCode() == 200) {
                    Set<Integer> mine = new TreeSet<>();
                    Set<Integer> all = new TreeSet<>();
                    int holders = 0;
                    for (JsonNode instance : JSON.readTree(last).path("instances")) {
                        JsonNode partitions = instance.path("active").path(OrderLifecycleTopology.ORDERS_STORE);
                        if (partitions.isEmpty()) {
                            continue;
                        }
                        holders++;
                        for (JsonNode p : partitions) {
                            all.add(p.asInt());
                            if (a.base.endsWith(":" + instance.path("port").asInt())) {
                                mine.add(p.asInt());
                            }
                        }
                    }
                    if (holders == 2 && all.size() == PARTITIONS && !mine.isEmpty() && mine.size() < PARTITIONS) {
                        return mine;
                    }
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            // pacing between polls of the assignment; the poll decides
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        throw new IllegalStateException("the two instances did not split orders-store within 3 minutes; last "
                + last + "\n" + a.tail() + "\n" + b.tail());
    }

    /** Waits until the asked instance answers 200 for a local and a routed key (rebalances answer 503). */
    private static void awaitAnswers(AppProcess a, String localId, String routedId) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                int local = get(client, a.base + "/v1/orders/" + localId).statusCode();
                int routed = get(client, a.base + "/v1/orders/" + routedId).statusCode();
                if (local == 200 && routed == 200) {
                    return;
                }
                last = "local " + local + ", routed " + routed;
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            // pacing between polls; the answer decides
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        throw new IllegalStateException("orders not answered within 2 minutes: " + last);
    }

    /** {@code GET url} with a sales key. */
    private static HttpResponse<byte[]> get(HttpClient client, String url) throws IOException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer demo-sales").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Requests answered so far by route (statuses summed), from {@code http_server_requests_seconds_count}. */
    private static Map<String, Long> requests(AppProcess app) {
        Map<String, Long> byRoute = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?m)^http_server_requests_seconds_count\\{.*uri=\"([^\"]*)\".*\\} ([0-9.eE+]+)$").matcher(app.metrics());
        while (m.find()) {
            byRoute.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return byRoute;
    }

    private static String delta(Map<String, Long> before, Map<String, Long> after) {
        List<String> parts = new ArrayList<>();
        after.forEach((route, count) -> {
            long d = count - before.getOrDefault(route, 0L);
            if (d > 0 && !route.startsWith("/metrics")) {
                parts.add(String.format(Locale.ROOT, "%s %,d", route, d));
            }
        });
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** A wrk script that walks {@code ids} (each connection from its own offset), GET with a sales key. */
    static Path script(Path file, List<String> ids) {
        String table = ids.stream().limit(20_000).map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        String lua = """
                -- GET /v1/orders/{id} over many ids; each connection starts at its own offset.
                local ids = {%s}
                local headers = { ["Authorization"] = "Bearer demo-sales" }
                local n = 0
                init = function(args)
                  n = math.random(#ids)
                end
                request = function()
                  n = n %% #ids + 1
                  return wrk.format("GET", "/v1/orders/" .. ids[n], headers)
                end
                """.formatted(table);
        try {
            Files.writeString(file, lua);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
