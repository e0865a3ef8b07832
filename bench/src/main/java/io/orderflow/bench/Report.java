package io.orderflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown the benchmark prints: the machine, the command, the date, then one table row per figure. */
final class Report {

    private final String command;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String loadBefore = loadAverage();
    private final java.util.Optional<HostCpu> cpuBefore = HostCpu.now();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> results = new ArrayList<>();

    Report(String command) {
        this.command = command;
    }

    void add(Row row) {
        rows.add(row);
    }

    void note(String note) {
        notes.add(note);
    }

    /**
     * A machine-readable line, {@code RESULT <figure> key=value ...}, printed after the table, so that a
     * script comparing runs needs no markdown parsing.
     */
    void result(String figure, Map<String, Number> values) {
        StringBuilder line = new StringBuilder("RESULT ").append(figure);
        values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value instanceof Double d
                ? String.format(Locale.ROOT, d < 10 ? "%.4f" : "%.1f", d) : value.toString()));
        results.add(line.toString());
    }

    /** A machine-readable line whose values are lists (figure 8: {@code instances=1,2,4}), as given. */
    void resultLine(String line) {
        results.add(line);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ")
                .append(memTotal()).append(" total memory, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append('\n');
        out.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", ")
                .append(ManagementFactory.getRuntimeMXBean().getInputArguments()).append('\n');
        out.append("- load average (1, 5, 15 min) before: ").append(loadBefore)
                .append("; after: ").append(loadAverage()).append('\n');
        out.append("- all cores over the run (/proc/stat): ").append(cpuBefore.flatMap(before -> HostCpu.now()
                .map(after -> after.since(before))).orElse("unknown"))
                .append(" (steal: time the hypervisor gave to other guests)\n");
        out.append("- command: `").append(command).append("`\n");
        out.append("- date: ").append(started).append(" to ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        out.append('\n');
        out.append("| figure | value | baseline (same run) | ratio | target | result |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", row.figure(), row.value(),
                    row.baseline(), row.ratioText(), row.target(), row.passText()));
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        if (!results.isEmpty()) {
            out.append('\n');
            results.forEach(result -> out.append(result).append('\n'));
        }
        return out.toString();
    }

    private static String memTotal() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal:")
                .map(line -> {
                    long kib = Long.parseLong(line.replaceAll("\\D+", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                })
                .orElse("unknown");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static java.util.Optional<String> procLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
