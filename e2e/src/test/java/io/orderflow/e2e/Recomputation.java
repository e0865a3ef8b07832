package io.orderflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.e2e.Ledger.Order;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares what one query API instance answers with what the {@link Ledger} of acknowledged commands says it must:
 * every order's status, payment and history (each acknowledged command once, in order, nothing else), stock per
 * SKU (nothing left held in flight), and the month's sales per product. {@link #awaitMatch} waits until the pipeline has caught up, then every
 * difference is a failure.
 */
final class Recomputation {

    private final Api api = new Api();
    private final Ledger ledger;
    private final E2eStack stack;

    Recomputation(Ledger ledger, E2eStack stack) {
        this.ledger = ledger;
        this.stack = stack;
    }

    /**
     * Waits until {@code queryUrl} answers what the ledger says (orders from the order list, stock, sales, and
     * every order's history); fails with the differences left.
     */
    void awaitMatch(String queryUrl, Duration timeout) throws IOException, InterruptedException {
        try {
            Poll.until(timeout, Duration.ofSeconds(2), "the product at " + queryUrl + " to match the acknowledged commands", () -> {
                assertNone(differences(queryUrl));
                // Keyed reads need the partition's active copy (or its owner, asked through this instance): right
                // after a failover they may still answer 503 while the lists already answer from standbys.
                assertNone(historyDifferences(queryUrl));
                return true;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; diagnosis:" + stack.diagnose(), e);
        }
    }

    private static void assertNone(List<String> differences) {
        if (!differences.isEmpty()) {
            throw new AssertionError(differences.size() + " differences, first "
                    + differences.subList(0, Math.min(10, differences.size())));
        }
    }

    /** Every order of the list, by id, read page by page. */
    Map<String, JsonNode> orderList(String queryUrl) throws IOException, InterruptedException {
        Map<String, JsonNode> orders = new TreeMap<>();
        String cursor = null;
        do {
            Api.Response page = api.get(queryUrl + "/v1/orders?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), Api.ADMIN);
            if (page.status() != 200) {
                throw new AssertionError("order list: " + page);
            }
            page.json().path("items").forEach(item -> orders.put(item.path("orderId").asText(), item));
            cursor = page.json().path("nextCursor").isTextual() ? page.json().path("nextCursor").asText() : null;
        } while (cursor != null);
        return orders;
    }

    /** Every difference in orders, stock and sales between {@code queryUrl} and the recomputation. */
    List<String> differences(String queryUrl) throws IOException, InterruptedException {
        List<String> differences = new ArrayList<>();
        Map<String, JsonNode> listed = orderList(queryUrl);
        for (Order order : ledger.orders()) {
            JsonNode body = listed.get(order.id);
            if (body == null) {
                differences.add(order.id + ": not listed");
                continue;
            }
            String status = body.path("status").asText();
            if (!status.equals(order.expectedStatus())) {
                differences.add(order.id + ": status " + status + ", expected " + order.expectedStatus()
                        + " after " + order.acknowledged);
                continue;
            }
            String payment = body.path("paymentStatus").asText();
            if (order.has(Ledger.Action.PAY) != payment.equals("PAID")) {
                differences.add(order.id + ": payment " + payment + " after " + order.acknowledged);
            }
        }
        for (Map.Entry<String, Ledger.Stock> expected : ledger.expectedStock().entrySet()) {
            Api.Response response = api.get(queryUrl + "/v1/stock/" + expected.getKey(), Api.WAREHOUSE);
            JsonNode stock = response.json();
            Ledger.Stock want = expected.getValue();
            if (response.status() != 200 || stock.path("onHand").asLong() != want.onHand()
                    || stock.path("reserved").asLong() != want.reserved()
                    || stock.path("available").asLong() != want.available()
                    // traffic has stopped: no unit may stay held for a reservation chain in flight
                    || !stock.path("held").isNumber() || stock.path("held").asLong() != 0) {
                differences.add("stock " + expected.getKey() + ": " + response + ", expected " + want + " and held 0");
            }
        }
        Api.Response sales = api.get(queryUrl + "/v1/sales?by=product&window=month", Api.ANALYST);
        if (sales.status() != 200) {
            differences.add("sales: " + sales);
            return differences;
        }
        for (Map.Entry<String, Ledger.Sales> expected : ledger.expectedSalesByProduct().entrySet()) {
            Ledger.Sales row = salesOf(sales.json(), expected.getKey());
            Ledger.Sales want = expected.getValue();
            if (row == null || row.orders() != want.orders() || row.units() != want.units()
                    || row.revenue().compareTo(want.revenue()) != 0) {
                differences.add("sales of " + expected.getKey() + ": " + row + ", expected " + want);
            }
        }
        return differences;
    }

    /**
     * The sales of {@code key} summed over every month of a {@code window=month} answer, null when it has
     * none. A run that crosses a month's end has the key's sales in two months: each month counts the orders
     * of its dates and what was taken back in it, and the sum is what the ledger expects.
     */
    static Ledger.Sales salesOf(JsonNode answer, String key) {
        Ledger.Sales sum = null;
        for (JsonNode item : answer.path("items")) {
            if (item.path("key").asText().equals(key)) {
                Ledger.Sales month = new Ledger.Sales(item.path("orders").asLong(), item.path("units").asLong(),
                        new BigDecimal(item.path("revenue").asText()));
                sum = sum == null ? month : new Ledger.Sales(sum.orders() + month.orders(),
                        sum.units() + month.units(), sum.revenue().add(month.revenue()));
            }
        }
        return sum;
    }

    /** Orders whose history is not exactly their acknowledged commands, each once, in order. */
    List<String> historyDifferences(String queryUrl) throws IOException, InterruptedException {
        List<String> differences = new ArrayList<>();
        for (Order order : ledger.orders()) {
            Api.Response history = api.get(queryUrl + "/v1/orders/" + order.id + "/history", Api.REVIEWER);
            if (history.status() == 200 && !history.json().path("items").isArray()) {
                // Never a matter of waiting: a 200 must carry the history.
                throw new Poll.GiveUp("a 200 without a history for " + order.id + ": " + history.text());
            }
            List<String> actions = new ArrayList<>();
            history.json().path("items").forEach(item -> actions.add(item.path("action").asText()));
            if (!actions.equals(order.expectedHistory())) {
                differences.add(order.id + ": history " + actions + " (HTTP " + history.status() + "), expected "
                        + order.expectedHistory());
            }
        }
        return differences;
    }
}
