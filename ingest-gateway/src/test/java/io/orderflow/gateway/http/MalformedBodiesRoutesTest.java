package io.orderflow.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.orderflow.contract.OrderLimits;
import io.orderflow.gateway.TestGateway;
import io.orderflow.gateway.service.PartnerService;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input: thousands of bodies derived from valid ones (values swapped for other types, fields
 * dropped or invented, bytes cut, inserted or flipped, deep nesting, huge numbers, odd Unicode, wrong content
 * types, Content-Types that are no media type, money past the contract's decimals, more lines than it allows) sent
 * to every write route. Whatever a client sends, the answer is never a 5xx, and always the one error
 * shape when it is an error. The seed is fixed, so a failure reproduces; it is printed in the assertion message.
 */
class MalformedBodiesRoutesTest {

    private static final long SEED = 20261122L;
    private static final int REQUESTS = 4000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Map<String, String> VALID = Map.ofEntries(
            Map.entry("/v1/orders", Requests.ORDER),
            Map.entry("PUT /v1/orders/O-1", Requests.ORDER),
            Map.entry("/v1/orders/O-1/ship",
                    "{\"lines\": [{\"sku\": \"SKU-A\", \"quantity\": 3}], \"carrier\": \"SF\", \"trackingNumber\": \"SF1\"}"),
            Map.entry("/v1/orders/O-1/cancel", "{\"reason\": \"customer changed mind\"}"),
            Map.entry("/v1/orders/O-1/pay", "{\"amount\": \"37.50\", \"method\": \"CARD\"}"),
            Map.entry("/v1/orders/O-1/schedule-service", "{\"scheduledFor\": \"2026-12-01T09:00:00Z\"}"),
            Map.entry("/v1/orders/O-1/service-result", "{\"result\": \"ok\", \"rating\": 4}"),
            Map.entry("/v1/orders/O-1/request-return", "{\"reason\": \"x\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1}]}"),
            Map.entry("/v1/orders/O-1/deliver", "{\"deliveredAt\": \"2026-11-21T10:00:00Z\"}"),
            Map.entry("/v1/tracking", "{\"carrier\": \"SF\", \"trackingNumber\": \"SF1\", \"status\": \"IN_TRANSIT\","
                    + " \"at\": \"2026-11-21T08:00:00Z\", \"location\": \"Shenzhen\", \"eventId\": \"e-1\"}"),
            Map.entry("PUT /v1/products/SKU-A", "{\"name\": \"T\", \"category\": \"c\", \"unitPrice\": \"1.00\"}"),
            Map.entry("/v1/stock/SKU-A/receipts", "{\"quantity\": 100, \"reference\": \"PO-7\"}"),
            Map.entry("/v1/stock/SKU-A/adjustments", "{\"quantity\": -2, \"reason\": \"count\"}"),
            Map.entry("/v1/imports/orders", "订单编号,客户名称,商品名称,数量,单价\nA-1,张三,T恤,3,12.50\n"));

    private static final TestGateway gateway = new TestGateway();
    private static Javalin app;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        app = gateway.app().start(0);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    /** Every route that takes a body, as {@code [PUT ]path}. */
    private static final List<String> WRITE_ROUTES = List.of("/v1/orders", "PUT /v1/orders/O-1",
            "/v1/orders/O-1/submit", "/v1/orders/O-1/approve", "/v1/orders/O-1/return", "/v1/orders/O-1/cancel",
            "/v1/orders/O-1/approve-cancel", "/v1/orders/O-1/ship", "/v1/orders/O-1/deliver",
            "/v1/orders/O-1/complete", "/v1/orders/O-1/schedule-service", "/v1/orders/O-1/service-result",
            "/v1/orders/O-1/request-return", "/v1/orders/O-1/approve-return", "/v1/orders/O-1/reject-return",
            "/v1/orders/O-1/receive-return", "/v1/orders/O-1/pay", "/v1/tracking", "PUT /v1/products/SKU-A",
            "/v1/stock/SKU-A/receipts", "/v1/stock/SKU-A/adjustments", "/v1/imports/orders");

    /** Content-Type values that are no media type at all. */
    private static final List<String> NO_MEDIA_TYPE = List.of(";", ";;", " ; ", "/", "/json", "application/",
            "application", "application/json/x", "application json", "application/json; charset",
            "application/json; =utf-8", "application/json; charset=\"utf-8", "\"application/json\"", "*/*;q");

    private static final String LINES_AT = "\"lines\": [";

    /** An order whose lines are {@code lines}, the rest valid. */
    private static String orderWith(String lines) {
        return Requests.ORDER.substring(0, Requests.ORDER.indexOf(LINES_AT)) + LINES_AT + lines + "]}";
    }

    private static String line(String unitPrice) {
        return "{\"sku\": \"SKU-A\", \"quantity\": 1, \"unitPrice\": \"" + unitPrice + "\"}";
    }

    private HttpResponse<String> send(String route, String body, String contentType) throws Exception {
        String path = route.replaceFirst("^PUT ", "");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .method(route.startsWith("PUT ") ? "PUT" : "POST", HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Authorization", "Bearer " + key(route))
                .header("Content-Type", contentType);
        if (route.equals("/v1/tracking")) {
            request.header(TrackingController.SIGNATURE_HEADER, PartnerService.sign("demo-secret-sf", bytes));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fields(HttpResponse<String> response) throws Exception {
        JsonNode error = Requests.JSON.readTree(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(response.statusCode());
        List<String> fields = new ArrayList<>();
        error.get("problems").forEach(problem -> fields.add(problem.get("field").asText()));
        return fields;
    }

    @Test
    void shouldAnswer415ToAContentTypeThatIsNoMediaTypeOnEveryWriteRoute() throws Exception {
        int written = gateway.log.records().size();
        for (String route : WRITE_ROUTES) {
            String body = VALID.getOrDefault(route, "{}");
            for (String contentType : NO_MEDIA_TYPE) {
                HttpResponse<String> response = send(route, body, contentType);

                assertThat(response.statusCode()).as("%s with Content-Type [%s]: %s", route, contentType,
                        response.body()).isEqualTo(415);
                assertThat(fields(response)).as(route).isEmpty();
            }
        }
        assertThat(gateway.log.records()).hasSize(written);
    }

    @Test
    void shouldAnswer400NamingTheFieldOverTheContractsLimitsOnEveryRouteWithMoney() throws Exception {
        int written = gateway.log.records().size();
        String max = OrderLimits.UNIT_PRICE.max().toPlainString();
        String tooLong = "1" + "0".repeat(OrderLimits.UNIT_PRICE.integerDigits()) + ".00";
        String tooFine = "1." + "0".repeat(OrderLimits.UNIT_PRICE.scale()) + "1";
        String oneLine = line("1.00");
        Map<String, String> orders = Map.of(
                orderWith(line(max) + ", " + line(max)), "lines",
                orderWith(oneLine + ", " + line(tooLong)), "lines[1].unitPrice",
                orderWith(line(tooFine)), "lines[0].unitPrice",
                orderWith(String.join(", ", Collections.nCopies(OrderLimits.MAX_LINES + 1, oneLine))), "lines",
                orderWith(oneLine).replace("\"notes\"", "\"discount\": \"" + tooLong + "\", \"notes\""), "discount");
        for (String route : List.of("/v1/orders", "PUT /v1/orders/O-1")) {
            for (Map.Entry<String, String> order : orders.entrySet()) {
                HttpResponse<String> response = send(route, order.getKey(), "application/json");

                assertThat(response.statusCode()).as("%s expecting %s: %s", route, order.getValue(), response.body())
                        .isEqualTo(400);
                assertThat(fields(response)).as(route).containsExactly(order.getValue());
            }
        }
        Map<String, String> others = Map.of(
                "/v1/orders/O-1/pay", "{\"amount\": \"" + tooLong + "\"}",
                "PUT /v1/products/SKU-A", "{\"name\": \"T\", \"category\": \"c\", \"unitPrice\": \"" + tooFine + "\"}");
        for (Map.Entry<String, String> other : others.entrySet()) {
            HttpResponse<String> response = send(other.getKey(), other.getValue(), "application/json");

            assertThat(response.statusCode()).as(other.getKey()).isEqualTo(400);
            assertThat(fields(response)).as(other.getKey()).containsExactly(other.getKey().startsWith("PUT")
                    ? "unitPrice" : "amount");
        }
        assertThat(gateway.log.records()).hasSize(written);
    }

    @Test
    void shouldNeverAnswerA5xxToAnythingAClientSends() throws Exception {
        Random random = new Random(SEED);
        List<String> routes = new ArrayList<>(VALID.keySet());
        routes.sort(String::compareTo);
        int errors = 0;
        for (int i = 0; i < REQUESTS; i++) {
            String route = routes.get(random.nextInt(routes.size()));
            String body = mutate(VALID.get(route), random);
            String method = route.startsWith("PUT ") ? "PUT" : "POST";
            String path = route.replaceFirst("^PUT ", "");
            String contentType = contentType(route, random);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .header("Authorization", "Bearer " + key(route));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (route.equals("/v1/tracking") && random.nextInt(4) > 0) {
                request.header(TrackingController.SIGNATURE_HEADER, PartnerService.sign("demo-secret-sf", bytes));
            }
            if (random.nextInt(10) == 0) {
                request.header("Idempotency-Key", random.nextBoolean() ? "k-" + random.nextInt(20)
                        : List.of("x".repeat(200), "a b", "%00", "<script>", "' OR 1=1 --", "\"").get(random.nextInt(6)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode())
                    .as("seed %d, request %d: %s %s (%s)\n%s\n-> %s", SEED, i, method, path, contentType, body,
                            response.body())
                    .isLessThan(500);
            if (response.statusCode() >= 400) {
                errors++;
                JsonNode error = Requests.JSON.readTree(response.body());
                assertThat(error.get("status").asInt()).as("request %d", i).isEqualTo(response.statusCode());
                assertThat(error.get("problems").isArray()).as("request %d", i).isTrue();
            }
        }
        assertThat(errors).as("most generated bodies are invalid").isGreaterThan(REQUESTS / 2);
    }

    private static String key(String route) {
        if (route.equals("/v1/tracking")) {
            return "demo-logistics-sf";
        }
        return "demo-admin";
    }

    private static String contentType(String route, Random random) {
        if (route.equals("/v1/imports/orders")) {
            return random.nextInt(5) == 0 ? NO_MEDIA_TYPE.get(random.nextInt(NO_MEDIA_TYPE.size()))
                    : List.of("text/csv", "application/json", "text/plain", "image/png").get(random.nextInt(4));
        }
        return switch (random.nextInt(13)) {
            case 12 -> NO_MEDIA_TYPE.get(random.nextInt(NO_MEDIA_TYPE.size()));
            case 0 -> null;
            case 1 -> "text/plain";
            case 2 -> "application/json; charset=utf-16";
            case 3 -> "application/x-www-form-urlencoded";
            case 4 -> "application/json;;;";
            default -> "application/json";
        };
    }

    private static String mutate(String valid, Random random) {
        int kind = random.nextInt(10);
        if (kind < 5 && valid.startsWith("{")) {
            try {
                JsonNode tree = Requests.JSON.readTree(valid);
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    tree = mutateTree(tree, random, 0);
                }
                return Requests.JSON.writeValueAsString(tree);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        StringBuilder text = new StringBuilder(valid);
        switch (kind) {
            case 5 -> text.setLength(random.nextInt(text.length() + 1));
            case 6 -> {
                for (int n = 1 + random.nextInt(5); n > 0; n--) {
                    String junk = "{}[]\",:\\\u0000\u00ff\ud83d\ude00 \n-0eE.";
                    text.insert(random.nextInt(text.length() + 1), junk.charAt(random.nextInt(junk.length())));
                }
            }
            case 7 -> {
                for (int n = 1 + random.nextInt(5); n > 0 && text.length() > 0; n--) {
                    int at = random.nextInt(text.length());
                    text.setCharAt(at, (char) random.nextInt(0x3000));
                }
            }
            case 8 -> {
                int depth = 10 + random.nextInt(3000);
                return "[".repeat(depth) + "]".repeat(random.nextBoolean() ? depth : 0);
            }
            default -> {
                return List.of("", "null", "true", "1e999999", "\"text\"", "{\"a\":" + "9".repeat(5000) + "}",
                        "{\"lines\": [" + "{},".repeat(2000) + "{}]}", "\ufeff{}", "{\"notes\": \"\\ud800\"}",
                        "NaN", "{'channel': 'ONLINE'}", "{\"channel\" \"ONLINE\"}").get(random.nextInt(12));
            }
        }
        return text.toString();
    }

    private static JsonNode mutateTree(JsonNode node, Random random, int depth) {
        if ((node.isObject() || node.isArray()) && node.size() > 0 && random.nextInt(3) > 0 && depth < 6) {
            if (node.isObject()) {
                ObjectNode object = (ObjectNode) node;
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                String name = names.get(random.nextInt(names.size()));
                switch (random.nextInt(6)) {
                    case 0 -> object.remove(name);
                    case 1 -> object.set(name + random.nextInt(3), randomValue(random));
                    default -> object.set(name, mutateTree(object.get(name), random, depth + 1));
                }
            } else {
                ArrayNode array = (ArrayNode) node;
                int index = random.nextInt(array.size());
                array.set(index, mutateTree(array.get(index), random, depth + 1));
            }
            return node;
        }
        return randomValue(random);
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.numberNode(-random.nextInt(1000));
            case 3 -> NODES.numberNode(0);
            case 4 -> NODES.numberNode(new BigInteger("9".repeat(1 + random.nextInt(40))));
            case 5 -> NODES.numberNode(new BigDecimal("1e" + (random.nextInt(400) - 200)));
            case 6 -> NODES.numberNode(random.nextDouble() * 1000);
            case 7 -> NODES.booleanNode(random.nextBoolean());
            case 8 -> NODES.textNode(weird(random));
            case 9 -> NODES.textNode(random.nextBoolean() ? "-" + random.nextInt(100) + "." + random.nextInt(1000)
                    : List.of(OrderLimits.TOTAL.max().toPlainString(), "1" + "0".repeat(OrderLimits.TOTAL.precision()),
                            "0." + "0".repeat(OrderLimits.TOTAL.scale()) + "1").get(random.nextInt(3)));
            case 10 -> NODES.textNode(List.of("2026-02-30", "2026-11-30", "30/11/2026", "2026-11-23T08:00:00",
                    "+999999999-12-31", "0000-01-01T00:00:00Z", "2026-11-23T08:00:00+25:00").get(random.nextInt(7)));
            case 11 -> NODES.textNode("x".repeat(random.nextInt(5000)));
            case 12 -> NODES.arrayNode().add(randomValue(random));
            case 13 -> NODES.objectNode().set("x", NODES.textNode("y"));
            case 14 -> NODES.textNode(List.of("ONLINE", "UNKNOWN", "online", "CARD", "SERVICE", "GOODS", "DELIVERED")
                    .get(random.nextInt(7)));
            default -> NODES.arrayNode();
        };
    }

    private static String weird(Random random) {
        return List.of("", " ", "\u0000", "\t\n", "😀😀", "<script>", "' OR 1=1 --", "\u202e", "../../etc/passwd",
                "%00", "é".repeat(70), "a b").get(random.nextInt(12));
    }
}
