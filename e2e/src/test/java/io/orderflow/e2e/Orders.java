package io.orderflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the e2e ITs read of orders and stock through the query API, waiting until every instance shows it. */
final class Orders {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final E2eStack stack;
    private final Api api = new Api();

    Orders(E2eStack stack) {
        this.stack = stack;
    }

    JsonNode awaitStatus(String id, String status) {
        return awaitField(id, "status", status);
    }

    /** Waits until both instances show the order with {@code field} equal to {@code value}; returns the order. */
    JsonNode awaitField(String id, String field, String value) {
        JsonNode[] seen = new JsonNode[1];
        Poll.until(WAIT, id + " " + field + " " + value, () -> {
            for (int instance = 0; instance < E2eStack.INSTANCES; instance++) {
                Api.Response response = api.get(stack.queryUrl(instance) + "/v1/orders/" + id, Api.REVIEWER);
                if (!response.json().path(field).asText().equals(value)) {
                    throw new AssertionError("instance " + instance + ": " + response);
                }
                seen[0] = response.json();
            }
            return true;
        });
        return seen[0];
    }

    /** The order's history entries, oldest first. */
    List<JsonNode> historyEntries(String id) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        api.get(stack.queryUrl(0) + "/v1/orders/" + id + "/history", Api.REVIEWER).json().path("items")
                .forEach(entries::add);
        return entries;
    }

    /** The actions of the order's history, oldest first. */
    List<String> history(String id) throws Exception {
        return historyEntries(id).stream().map(entry -> entry.path("action").asText()).toList();
    }

    /** Waits until the SKU has {@code onHand} on hand and {@code reserved} reserved, nothing held in flight. */
    void awaitStock(String sku, long onHand, long reserved) {
        Poll.until(WAIT, "stock of " + sku + " at " + onHand + " on hand, " + reserved + " reserved", () -> {
            JsonNode stock = api.get(stack.queryUrl(1) + "/v1/stock/" + sku, Api.WAREHOUSE).json();
            if (stock.path("onHand").asLong() != onHand || stock.path("reserved").asLong() != reserved
                    || stock.path("available").asLong() != onHand - reserved || stock.path("held").asLong() != 0) {
                throw new AssertionError(stock.toString());
            }
            return true;
        });
    }
}
