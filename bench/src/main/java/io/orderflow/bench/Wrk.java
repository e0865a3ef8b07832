package io.orderflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk --latency} and reads requests/s, p50, p99 and the error counts from its report. */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    private Wrk() {
    }

    /** What one wrk run measured; latencies in milliseconds. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long non2xx,
            long socketErrors, String raw) {

        String summary() {
            return String.format(Locale.ROOT, "%,.0f req/s, p50 %.2f ms, p99 %.2f ms", requestsPerSecond, p50Millis,
                    p99Millis);
        }

        /** Whether every request got a 2xx. */
        boolean clean() {
            return non2xx == 0 && socketErrors == 0;
        }

        /** The rate and p99 for a results row, with the errors when there were any. */
        String headline() {
            return String.format(Locale.ROOT, "%,.0f req/s, p99 %.1f ms%s", requestsPerSecond, p99Millis, clean() ? ""
                    : String.format(Locale.ROOT, " (%d non-2xx, %d socket errors)", non2xx, socketErrors));
        }
    }

    static boolean available() {
        try {
            Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Result run(String url, Optional<Path> script, int seconds, int connections) {
        List<String> command = new ArrayList<>(List.of("wrk", "--latency", "-t", "2", "-c", String.valueOf(connections),
                "-d", seconds + "s"));
        script.ifPresent(path -> {
            command.add("-s");
            command.add(path.toString());
        });
        command.add(url);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + command + "\n" + out);
            }
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * CPU time used by the finished children of this JVM (wrk runs among them): {@code cutime + cstime} of
     * {@code /proc/self/stat}, in clock ticks of 10 ms (Linux's {@code CLK_TCK} of 100).
     */
    static long finishedChildrenCpuNanos() {
        try {
            return childrenCpuNanos(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code cutime + cstime} of a {@code /proc/<pid>/stat} line, in nanoseconds (the name may hold spaces and parentheses). */
    static long childrenCpuNanos(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is the state, field 3 of the line; cutime and cstime are fields 16 and 17
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10_000_000L;
    }

    static Result parse(String out) {
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk output:\n" + out);
        }
        long non2xx = find(NON_2XX, out).map(Long::parseLong).orElse(0L);
        long socketErrors = 0;
        Matcher errors = SOCKET_ERRORS.matcher(out);
        if (errors.find()) {
            for (int i = 1; i <= 4; i++) {
                socketErrors += Long.parseLong(errors.group(i));
            }
        }
        long requests = find(REQUESTS, out).map(Long::parseLong).orElse(0L);
        return new Result(Double.parseDouble(rate.group(1)), percentile(out, "50%"), percentile(out, "99%"), requests,
                non2xx, socketErrors, out);
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A line of wrk's "Latency Distribution", e.g. {@code "     99%   12.34ms"}, in milliseconds. */
    private static double percentile(String out, String label) {
        Matcher matcher = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s|m)\\s*$").matcher(out);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + label + " latency in wrk output:\n" + out);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }
}
