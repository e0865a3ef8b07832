package io.orderflow.streams.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, with a fresh profile and no background traffic: renders a
 * page (scripts run for a virtual time budget) and gives its DOM or a screenshot. Absent browser:
 * empty, unless ORDERFLOW_REQUIRE_BROWSER=true, which makes it a failure.
 */
final class HeadlessChromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    static boolean available() {
        if (Files.isExecutable(BINARY)) {
            return true;
        }
        if ("true".equalsIgnoreCase(System.getenv("ORDERFLOW_REQUIRE_BROWSER"))) {
            throw new AssertionError("ORDERFLOW_REQUIRE_BROWSER=true but " + BINARY + " is missing (apt-get install chromium)");
        }
        System.err.println("SKIPPED the browser check: " + BINARY + " is missing (apt-get install chromium)");
        return false;
    }

    /** The DOM after the page's scripts ran for {@code budgetMillis} of virtual time. */
    static Optional<String> dumpDom(String url, int budgetMillis) {
        if (!available()) {
            return Optional.empty();
        }
        List<String> command = base();
        command.add("--virtual-time-budget=" + budgetMillis);
        command.add("--dump-dom");
        command.add(url);
        return Optional.of(run(command));
    }

    /** A PNG of the page at {@code width}x{@code height}. */
    static boolean screenshot(String url, Path png, int width, int height, int budgetMillis) {
        if (!available()) {
            return false;
        }
        List<String> command = base();
        command.add("--virtual-time-budget=" + budgetMillis);
        command.add("--hide-scrollbars");
        command.add("--window-size=" + width + "," + height);
        command.add("--screenshot=" + png.toAbsolutePath());
        command.add(url);
        run(command);
        return Files.exists(png);
    }

    private static List<String> base() {
        try {
            Path profile = Files.createTempDirectory("orderflow-chromium");
            return new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> command) {
        try {
            Path out = Files.createTempFile("chromium", ".out");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within 90 s: " + command);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
