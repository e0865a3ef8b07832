package io.orderflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The product's HTTP API as a client sees it: JSON in, status, headers and JSON (or bytes) out. */
final class Api {

    static final String SALES = "demo-sales";
    static final String REVIEWER = "demo-reviewer";
    static final String WAREHOUSE = "demo-warehouse";
    static final String ANALYST = "demo-analyst";
    static final String ADMIN = "demo-admin";
    static final String LOGISTICS_SF = "demo-logistics-sf";
    static final String SF_WEBHOOK_SECRET = "demo-secret-sf";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One answer. {@code json} is a missing node when the body is not JSON. */
    record Response(int status, Map<String, java.util.List<String>> headers, byte[] body, long millis) {

        JsonNode json() {
            try {
                return body.length == 0 ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException notJson) {
                return MissingNode.getInstance();
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst();
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    Response get(String url, String key) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), key);
    }

    Response get(String url, String key, String accept) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET(), key);
    }

    /** POST of a JSON body; {@code idempotencyKey} may be null. */
    Response post(String url, String key, Object body, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request, key);
    }

    /** POST of a file as it is, e.g. a ledger to import. */
    Response postFile(String url, String key, String contentType, byte[] file) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)), key);
    }

    Response put(String url, String key, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), key);
    }

    /** A carrier's tracking scan, signed with the partner's webhook secret over the raw body. */
    Response postSignedScan(String url, String key, String secret, Object body) throws IOException, InterruptedException {
        byte[] raw = JSON.writeValueAsBytes(body);
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-Orderflow-Signature", "sha256=" + hmacSha256(secret, raw))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)), key);
    }

    private Response send(HttpRequest.Builder request, String key) throws IOException, InterruptedException {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), response.headers().map(), response.body(),
                (System.nanoTime() - start) / 1_000_000);
    }

    static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
