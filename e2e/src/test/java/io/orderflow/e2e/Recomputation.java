package io.orderflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.e2e.Ledger.Order;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares what one query API instance answers with what the {@link Ledger} of acknowledged commands says it must:
 * every order's status, payment and history (each acknowledged command once, in order, nothing else), stock per
 * SKU, and the month's sales per product. {@link #awaitMatch} waits until the pipeline has caught up, then every
 * difference is a failure.
 */
final class Recomputation {

    private final Api api = new Api();
    private final Ledger ledger;

    Recomputation(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Waits until {@code queryUrl} answers exactly what the ledger says; fails with the differences left. */
    void awaitMatch(String queryUrl, Duration timeout) {
        Poll.until(timeout, "the product at " + queryUrl + " to match the acknowledged commands", () -> {
            List<String> differences = differences(queryUrl);
            if (!differences.isEmpty()) {
                throw new AssertionError(differences.size() + " differences, first "
                        + differences.subList(0, Math.min(10, differences.size())));
            }
            return true;
        });
    }

    /** Every difference between the answers of {@code queryUrl} and the recomputation; empty when they agree. */
    List<String> differences(String queryUrl) throws IOException, InterruptedException {
        List<String> differences = new ArrayList<>();
        for (Order order : ledger.orders()) {
            Api.Response response = api.get(queryUrl + "/v1/orders/" + order.id, Api.REVIEWER);
            if (response.status() != 200) {
                differences.add(order.id + ": " + response);
                continue;
            }
            JsonNode body = response.json();
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
            Api.Response history = api.get(queryUrl + "/v1/orders/" + order.id + "/history", Api.REVIEWER);
            List<String> actions = new ArrayList<>();
            history.json().path("items").forEach(item -> actions.add(item.path("action").asText()));
            if (!actions.equals(order.expectedHistory())) {
                differences.add(order.id + ": history " + actions + ", expected " + order.expectedHistory());
            }
        }
        for (Map.Entry<String, Ledger.Stock> expected : ledger.expectedStock().entrySet()) {
            Api.Response response = api.get(queryUrl + "/v1/stock/" + expected.getKey(), Api.WAREHOUSE);
            JsonNode stock = response.json();
            Ledger.Stock want = expected.getValue();
            if (response.status() != 200 || stock.path("onHand").asLong() != want.onHand()
                    || stock.path("reserved").asLong() != want.reserved()
                    || stock.path("available").asLong() != want.available()) {
                differences.add("stock " + expected.getKey() + ": " + response + ", expected " + want);
            }
        }
        Api.Response sales = api.get(queryUrl + "/v1/sales?by=product&window=month", Api.ANALYST);
        if (sales.status() != 200) {
            differences.add("sales: " + sales);
            return differences;
        }
        for (Map.Entry<String, Ledger.Sales> expected : ledger.expectedSalesByProduct().entrySet()) {
            JsonNode row = null;
            for (JsonNode item : sales.json().path("items")) {
                if (item.path("key").asText().equals(expected.getKey())) {
                    row = item;
                }
            }
            Ledger.Sales want = expected.getValue();
            if (row == null || row.path("orders").asLong() != want.orders() || row.path("units").asLong() != want.units()
                    || new BigDecimal(row.path("revenue").asText()).compareTo(want.revenue()) != 0) {
                differences.add("sales of " + expected.getKey() + ": " + row + ", expected " + want);
            }
        }
        return differences;
    }
}
