package io.orderflow.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;

/** Requests as clients send them, and their answers read back as JSON. */
final class Requests {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String ORDER = """
            {"channel": "ONLINE", "expectedDeliveryDate": "2026-11-30",
             "customer": {"id": "C001", "name": "张三", "contactName": "张三", "phone": "13800000000", "address": "深圳市南山区"},
             "paymentMethod": "BANK_TRANSFER", "notes": "gift wrap",
             "lines": [{"sku": "SKU-A", "quantity": 3, "unitPrice": "12.50", "amount": "37.50", "spec": "red, L"}]}
            """;

    private Requests() {
    }

    static String orderWithId(String orderId) {
        return ORDER.replaceFirst("\\{", "{\"orderId\": \"" + orderId + "\", ");
    }

    static Response send(HttpClient client, String method, String path, String key, String body,
            Map<String, String> headers) {
        return client.request(path, b -> {
            var publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
            switch (method) {
                case "PUT" -> b.put(publisher);
                case "GET" -> b.get();
                case "DELETE" -> b.delete(publisher);
                default -> b.post(publisher);
            }
            if (body != null && !headers.containsKey("Content-Type")) {
                b.header("Content-Type", "application/json");
            }
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            headers.forEach(b::header);
        });
    }

    static Response post(HttpClient client, String path, String key, String body) {
        return send(client, "POST", path, key, body, Map.of());
    }

    static Response post(HttpClient client, String path, String key, String body, Map<String, String> headers) {
        return send(client, "POST", path, key, body, headers);
    }

    static Response put(HttpClient client, String path, String key, String body) {
        return send(client, "PUT", path, key, body, Map.of());
    }

    static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String header(Response response, String name) {
        var values = response.headers().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
