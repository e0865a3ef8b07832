package io.orderflow.api.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, with a fresh profile and no background traffic, driven over
 * the Chrome DevTools Protocol: one page that a test navigates, evaluates script in and waits on,
 * while its network requests and uncaught exceptions are recorded. Closing kills the whole process
 * tree and deletes the profile. Absent browser: {@link #launch} is empty, unless
 * ORDERFLOW_REQUIRE_BROWSER=true, which makes it a failure.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final Thread killOnExit;
    private DevTools page;

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
        this.killOnExit = new Thread(this::kill, "kill-chromium");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    public static boolean available() {
        if (Files.isExecutable(BINARY)) {
            return true;
        }
        if ("true".equalsIgnoreCase(System.getenv("ORDERFLOW_REQUIRE_BROWSER"))) {
            throw new AssertionError("ORDERFLOW_REQUIRE_BROWSER=true but " + BINARY + " is missing (apt-get install chromium)");
        }
        System.err.println("SKIPPED the browser check: " + BINARY + " is missing (apt-get install chromium)");
        return false;
    }

    /**
     * A browser with one blank page of {@code width}x{@code height}, its network and runtime events
     * recorded; its own output goes to {@code log}.
     */
    public static Optional<HeadlessChromium> launch(int width, int height, Path log) {
        return launch(width, height, log, "en-US");
    }

    /** The same, the browser's language (what a page reads as {@code navigator.languages}) {@code language}. */
    public static Optional<HeadlessChromium> launch(int width, int height, Path log, String language) {
        if (!available()) {
            return Optional.empty();
        }
        HeadlessChromium browser;
        try {
            Path profile = Files.createTempDirectory("orderflow-chromium");
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                    "--hide-scrollbars", "--lang=" + language, "--accept-lang=" + language, "--window-size=" + width + "," + height,
                    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                    "--user-data-dir=" + profile, "about:blank")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            browser = new HeadlessChromium(process, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            browser.page = DevTools.connect(browser.pageTarget(browser.debuggingPort(log)));
            browser.page.call("Page.enable", Map.of());
            browser.page.call("Runtime.enable", Map.of());
            browser.page.call("Network.enable", Map.of());
            browser.page.call("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
            return Optional.of(browser);
        } catch (RuntimeException | Error e) {
            browser.close();
            throw e;
        }
    }

    /** Opens {@code url} and returns once its load event fired. */
    public void navigate(String url) {
        page.call("Page.navigate", Map.of("url", url));
        page.awaitEvent("Page.loadEventFired", params -> true, START);
    }

    /** The value of a script expression evaluated in the page (promises awaited), as JSON. */
    public JsonNode evaluate(String expression) {
        JsonNode result = page.call("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new DevTools.DevToolsError("page script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /**
     * Evaluates {@code expression} until its value satisfies {@code condition}, at most for
     * {@code timeout}; then returns that value, or fails with the last one seen.
     */
    public JsonNode await(String what, String expression, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = "nothing";
        while (true) {
            try {
                JsonNode value = evaluate(expression);
                if (condition.test(value)) {
                    return value;
                }
                last = value;
            } catch (DevTools.DevToolsError e) {
                last = e.getMessage(); // e.g. evaluated while the page was (re)loading: try again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not show " + what + " within " + timeout + "; last seen: " + last);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** The params of every DevTools event named {@code method} so far (e.g. Network.requestWillBeSent). */
    public List<JsonNode> events(String method) {
        return page.events(method);
    }

    /** The first event named {@code method} matching {@code params}, received so far or until the timeout. */
    public JsonNode awaitEvent(String method, Predicate<JsonNode> params, Duration timeout) {
        return page.awaitEvent(method, params, timeout);
    }

    /** A PNG of the page's viewport, written to {@code png}. */
    public void screenshot(Path png) {
        String data = page.call("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, Base64.getDecoder().decode(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (page != null) {
            page.close();
        }
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs kill() anyway
        }
    }

    /** Stops the browser and every process it started, then deletes its profile. */
    private void kill() {
        // the tree is taken before the parent goes: orphans are no longer its descendants
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        process.destroy();
        awaitExit(List.of(process.toHandle()), Duration.ofSeconds(5));
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(tree, Duration.ofSeconds(10));
        List<Long> survivors = tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        if (!survivors.isEmpty()) {
            System.err.println("chromium processes still alive after SIGKILL: " + survivors);
        }
        deleteRecursively(profile);
    }

    private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete the chromium profile " + dir + ": " + e);
        }
    }

    /** The port Chromium chose, from the DevToolsActivePort file it writes into its profile once listening. */
    private int debuggingPort(Path log) {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile, StandardCharsets.UTF_8) : List.of();
                if (lines.size() >= 2) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            } catch (IOException | NumberFormatException e) {
                // being written: read it again
            }
            if (!process.isAlive()) {
                throw new AssertionError("chromium exited with " + process.exitValue() + " before listening; see " + log);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new AssertionError("chromium did not write " + portFile + " within " + START + "; see " + log);
    }

    /** The WebSocket address of the browser's page (not its own UI targets), once it is listed. */
    private URI pageTarget(int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                for (JsonNode target : JSON.readTree(http.send(list, HttpResponse.BodyHandlers.ofString()).body())) {
                    if (target.path("type").asText().equals("page") && target.has("webSocketDebuggerUrl")) {
                        return URI.create(target.get("webSocketDebuggerUrl").asText());
                    }
                }
            } catch (IOException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new AssertionError("chromium listed no page target on port " + port + " within " + START);
    }
}
