package io.orderflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The floor under figures 3 and 4, measured in the same run beside the same apps: the same wrk runs against
 * {@link BareServer}, which answers the benchmarked route with a real answer's bytes and none of our code. Its
 * ratio is the most the figure's ratio can reach with Jetty and Javalin on this machine.
 */
final class Floor {

    private static final Logger log = LoggerFactory.getLogger(Floor.class);
    private static final int WARM_UP_SECONDS = 15;

    private Floor() {
    }

    /**
     * Starts a bare server answering {@code GET /v1/orders/{id}} with {@code order} and {@code POST /v1/orders} with
     * {@code accepted} (each when given), warms it up and measures {@code path} between two health runs, taken again
     * while the host steals, as the figure itself is.
     */
    static Between measure(Stack stack, String figure, String label, Optional<byte[]> order, Optional<byte[]> accepted,
            String path, Optional<Path> script, int seconds, int connections, Report report) throws IOException {
        Optional<Path> orderFile = write(stack.dir.resolve("bare-order.json"), order);
        Optional<Path> acceptedFile = write(stack.dir.resolve("bare-accepted.json"), accepted);
        if (accepted.isPresent()) {
            stack.broker.createTopics(List.of(new NewTopic(BareServer.TOPIC, 6, (short) 1)));
        }
        try (AppProcess bare = AppProcess.bare(stack, "bare server", orderFile, Optional.empty(), acceptedFile)) {
            CpuMeter cpu = CpuMeter.here().process("bare server", bare::cpuNanos);
            if (accepted.isPresent()) {
                cpu = cpu.process("broker", stack.broker::cpuNanos);
            }
            return measure(bare, cpu.wrk(), figure, label, path, script, seconds, connections, report);
        }
    }

    /**
     * As {@link #measure}, for a GET of {@code order} that the asked bare server relays from a second one (the
     * owner), over the JDK's HTTP client as the streams-app relays a routed GET.
     */
    static Between routed(Stack stack, String figure, byte[] order, Optional<Path> script, int seconds, int connections,
            Report report) throws IOException {
        Optional<Path> orderFile = write(stack.dir.resolve("bare-order.json"), Optional.of(order));
        try (AppProcess owner = AppProcess.bare(stack, "bare owner", orderFile, Optional.empty(), Optional.empty());
                AppProcess asked = AppProcess.bare(stack, "bare asked", Optional.empty(), Optional.of(owner.base),
                        Optional.empty())) {
            owner.awaitReady(Duration.ofMinutes(2));
            CpuMeter cpu = CpuMeter.here().process("bare asked", asked::cpuNanos).process("bare owner", owner::cpuNanos)
                    .wrk();
            return measure(asked, cpu, figure, "routed GET", "/", script, seconds, connections, report);
        }
    }

    private static Between measure(AppProcess bare, CpuMeter cpu, String figure, String label, String path,
            Optional<Path> script, int seconds, int connections, Report report) {
        bare.awaitReady(Duration.ofMinutes(2));
        log.info("{}'s floor: warming up the bare server ({} s each)", figure, WARM_UP_SECONDS);
        Wrk.run(bare.base + "/health/live", Optional.empty(), WARM_UP_SECONDS, connections);
        Wrk.run(bare.base + path, script, WARM_UP_SECONDS, connections);
        return StealTimeline.measureWhileStolen(attempt -> {
            log.info("{}'s floor: health, {}, health on the bare server ({} s each), attempt {}", figure, label, seconds,
                    attempt);
            return Between.measure(bare.base, path, script, label, cpu, seconds, connections);
        }, Between::worstSteal, (attempt, other) -> String.format(Locale.ROOT, "attempt %d: %s %.2f × health "
                        + "%,.0f req/s, the host stole up to %.0f %% of a run (CPU per request: %s)", attempt, label,
                other.ratio(), other.baselineRate(), 100 * other.worstSteal(), other.cpuSummary()),
                figure + "'s floor, " + label, "one of its three wrk runs", report);
    }

    /** The floor's row: its rate against its own health route, and what that leaves the figure. */
    static Row row(String figure, Between floor, double target) {
        return new Row(figure, floor.route().headline(),
                String.format(Locale.ROOT, "its own GET /health/live %,.0f req/s, p99 %.1f ms", floor.baselineRate(),
                        floor.baselineP99()),
                Optional.of(floor.ratio()),
                String.format(Locale.ROOT, "— (the most the figure can reach here; its target %.1f ×)", target),
                Optional.empty());
    }

    private static Optional<Path> write(Path file, Optional<byte[]> body) throws IOException {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Files.write(file, body.get());
        return Optional.of(file);
    }
}
