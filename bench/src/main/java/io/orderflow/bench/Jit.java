package io.orderflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * How long the JIT compilers of the JVMs of a run have been compiling, in seconds: the bench's own JVM from its
 * {@code CompilationMXBean}, the apps' JVMs from {@code jstat -compiler <pid>} (the JDK's tool, next to this
 * {@code java}). In figure 2 a JIT still compiling after the warm-up took a large share of the two cores (all three
 * JVMs together: 36 s of compile time in the minute of one 50 % run), so the bench waits for it to settle and
 * reports what it compiled during each measurement.
 */
final class Jit {

    private final List<String> names = new ArrayList<>();
    private final List<DoubleSupplier> readings = new ArrayList<>();

    /** Also watches {@code name}, whose compile seconds so far {@code seconds} reads (NaN when it cannot). */
    Jit watch(String name, DoubleSupplier seconds) {
        names.add(name);
        readings.add(seconds);
        return this;
    }

    /** Compile seconds so far of each watched JVM, in the order watched; NaN where it could not be read. */
    double[] now() {
        return readings.stream().mapToDouble(DoubleSupplier::getAsDouble).toArray();
    }

    /** The seconds compiled between two readings, all JVMs together (NaN if any could not be read). */
    static double total(double[] from, double[] to) {
        double sum = 0;
        for (int i = 0; i < from.length; i++) {
            sum += to[i] - from[i];
        }
        return sum;
    }

    /** {@code "gateway 0.4, streams-app 1.2, bench 0.9 s"}: what each compiled between two readings. */
    String between(double[] from, double[] to) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < from.length; i++) {
            parts.add(String.format(Locale.ROOT, "%s %.1f", names.get(i), to[i] - from[i]));
        }
        return String.join(", ", parts) + " s";
    }

    /** This JVM's compile seconds so far. */
    static double self() {
        var bean = ManagementFactory.getCompilationMXBean();
        return bean != null && bean.isCompilationTimeMonitoringSupported() ? bean.getTotalCompilationTime() / 1000.0
                : Double.NaN;
    }

    /** Another JVM's compile seconds so far, from {@code jstat -compiler}; NaN when that cannot be read. */
    static double of(long pid) {
        return jstat(pid).orElse(Double.NaN);
    }

    private static OptionalDouble jstat(long pid) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        if (!Files.isExecutable(jstat)) {
            return OptionalDouble.empty();
        }
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-compiler", Long.toString(pid))
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return OptionalDouble.empty();
            }
            return parse(out);
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** The {@code Time} column of {@code jstat -compiler}'s output (header line, then one line of values). */
    static OptionalDouble parse(String out) {
        String[] lines = out.strip().split("\\R");
        if (lines.length < 2) {
            return OptionalDouble.empty();
        }
        String[] header = lines[0].trim().split("\\s+");
        String[] values = lines[1].trim().split("\\s+");
        for (int i = 0; i < header.length && i < values.length; i++) {
            if (header[i].equals("Time")) {
                try {
                    return OptionalDouble.of(Double.parseDouble(values[i]));
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }
}
