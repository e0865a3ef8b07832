package io.orderflow.api.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One Chrome DevTools Protocol session with a page target, over the JDK's WebSocket client:
 * commands answered by id, and every event kept (in arrival order) so a test can wait for one or
 * look back at all of them (the page's requests, its uncaught exceptions).
 */
final class DevTools implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private final WebSocket socket;

    private DevTools(URI webSocketUrl) {
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(webSocketUrl, new Receiver())
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open the DevTools WebSocket " + webSocketUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static DevTools connect(URI webSocketUrl) {
        return new DevTools(webSocketUrl);
    }

    /** Sends a command and returns its {@code result}; a protocol error is a failure. */
    JsonNode call(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        try {
            synchronized (socket) {
                // the JDK's WebSocket takes one outgoing message at a time
                socket.sendText(JSON.writeValueAsString(message), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            JsonNode response = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new DevToolsError(method + ": " + response.get("error"));
            }
            return response.path("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " not answered within " + COMMAND_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pending.remove(id);
        }
    }

    /** The first event named {@code method} whose params match, among those received so far or until the timeout. */
    JsonNode awaitEvent(String method, Predicate<JsonNode> params, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            int seen = 0;
            while (true) {
                for (; seen < events.size(); seen++) {
                    JsonNode event = events.get(seen);
                    if (event.path("method").asText().equals(method) && params.test(event.path("params"))) {
                        return event.path("params");
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no DevTools event " + method + " within " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(events, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The params of every event named {@code method} received so far. */
    List<JsonNode> events(String method) {
        synchronized (events) {
            return events.stream().filter(e -> e.path("method").asText().equals(method))
                    .map(e -> e.path("params")).toList();
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** A command the browser answered with an error (e.g. a page evaluated while it navigates). */
    static final class DevToolsError extends RuntimeException {
        DevToolsError(String message) {
            super(message);
        }
    }

    private final class Receiver implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                receive(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void receive(String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
                return;
            }
            synchronized (events) {
                events.add(message);
                events.notifyAll();
            }
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(answer -> answer.completeExceptionally(error));
        }
    }
}
