package io.orderflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A stand-in for the ingest gateway and the query API on a free loopback port: it records every request and
 * answers {@code 202} like the gateway (an order id for a new order, the same one for a repeated
 * Idempotency-Key), unless a test says otherwise.
 */
final class StandInGateway implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body apart; without TCP_NODELAY each answer waits ~40 ms for the
        // delayed ACK of loopback, and a run of a few hundred requests takes minutes instead of a second.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A recorded request; header names in lower case. */
    record Recorded(String method, String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String apiKey() {
            String auth = header("Authorization");
            return auth == null ? null : auth.substring("Bearer ".length());
        }

        String idempotencyKey() {
            return header("Idempotency-Key");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + path, e);
            }
        }
    }

    /** An answer the test chose. */
    record Reply(int status, String body, Map<String, String> headers) {
        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final List<Recorded> requests = new ArrayList<>();
    private final Map<String, String> orderIdByKey = new HashMap<>();
    private volatile int readyStatus = 200;
    private volatile Function<Recorded, Optional<Reply>> override = r -> Optional.empty();
    private volatile Function<String, Optional<String>> statusOf = id -> Optional.empty();

    StandInGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void readyStatus(int status) {
        readyStatus = status;
    }

    /** Answers of the test's choosing; empty: the usual answer. */
    void override(Function<Recorded, Optional<Reply>> answers) {
        override = answers;
    }

    /** The status the query API reports for an order id; empty: 404. */
    void statuses(Function<String, Optional<String>> statuses) {
        statusOf = statuses;
    }

    /** Every request to the gateway routes ({@code /v1/...} but the query API's GETs), in order. */
    synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Recorded> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    synchronized List<Recorded> commands(String command) {
        return requests.stream().filter(r -> r.method().equals("POST") && r.path().startsWith("/v1/orders/")
                && r.path().endsWith("/" + command)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.equals("/health/ready")) {
                reply(exchange, Reply.of(readyStatus, "{\"status\":\"" + (readyStatus == 200 ? "UP" : "DOWN") + "\"}"));
                return;
            }
            if (method.equals("GET") && path.startsWith("/v1/orders/")) {
                Optional<String> status = statusOf.apply(path.substring("/v1/orders/".length()));
                reply(exchange, status.map(s -> Reply.of(200, "{\"orderId\":\"x\",\"status\":\"" + s + "\"}"))
                        .orElse(Reply.of(404, "{\"status\":404,\"error\":\"Not Found\",\"message\":\"no such order\"}")));
                return;
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            Recorded recorded = new Recorded(method, path, Map.copyOf(headers), body);
            synchronized (this) {
                requests.add(recorded);
            }
            Optional<Reply> chosen = override.apply(recorded);
            if (chosen.isPresent()) {
                reply(exchange, chosen.get());
            } else if (method.equals("POST") && path.equals("/v1/orders")) {
                String orderId;
                synchronized (this) {
                    orderId = orderIdByKey.computeIfAbsent(String.valueOf(recorded.idempotencyKey()),
                            k -> String.format("20261122-%06d", orderIdByKey.size() + 1));
                }
                reply(exchange, Reply.of(202, "{\"status\":\"ACCEPTED\",\"orderId\":\"" + orderId + "\"}"));
            } else {
                reply(exchange, Reply.of(202, "{\"status\":\"ACCEPTED\"}"));
            }
        }
    }

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
