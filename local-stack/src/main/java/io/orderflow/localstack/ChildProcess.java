package io.orderflow.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM (or any process) whose output goes to a log file, stopped with SIGTERM and, after a grace
 * period, SIGKILL. When asked to, a shutdown hook stops it with this JVM, so that no child outlives a test
 * run or the launcher.
 */
final class ChildProcess implements Supervisor.Run {

    static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int TAIL_BYTES = 64 * 1024;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path logFile, boolean stopWithJvm) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = stopWithJvm ? new Thread(this::stop, "stop-" + name) : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * Starts {@code command} with this JVM's environment less {@code removedEnv}, plus {@code env}; stdout and
     * stderr are appended to {@code logFile}.
     *
     * @param ownSession run the child in its own session, so that a Ctrl-C in the terminal reaches only the
     *                   launcher, which then stops its children in order
     * @param stopWithJvm stop the child from a shutdown hook of this JVM
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Collection<String> removedEnv,
                              Path logFile, boolean ownSession, boolean stopWithJvm) {
        List<String> fullCommand = new ArrayList<>();
        if (ownSession && Files.isExecutable(SETSID)) {
            // setsid execs the command in place (a child of the JVM is no group leader): same pid, new session.
            fullCommand.add(SETSID.toString());
        }
        fullCommand.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(fullCommand);
        removedEnv.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, "---- starting " + name + ": " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new ChildProcess(name, builder.start(), logFile, stopWithJvm);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    /** The {@code java} executable of this JVM, so children run on the same Java. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    @Override
    public CompletionStage<Integer> exitCode() {
        return process.onExit().thenApply(Process::exitValue);
    }

    Path logFile() {
        return logFile;
    }

    /** Sends SIGTERM, waits up to {@link #STOP_GRACE}, then kills. Returns the exit code. */
    int stop() {
        return stop(System.nanoTime() + STOP_GRACE.toNanos());
    }

    /**
     * Sends SIGTERM, waits until {@code deadlineNanos} (of {@link System#nanoTime()}), then kills. Children
     * stopped together share one deadline. Returns the exit code, or -1 when the child would not die.
     */
    int stop(long deadlineNanos) {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook runs anyway; stopping twice is harmless.
            }
        }
        process.destroy();
        try {
            if (!process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            return process.isAlive() ? -1 : process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The last {@code lines} lines of the log file, for error messages. */
    String logTail(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }
}
