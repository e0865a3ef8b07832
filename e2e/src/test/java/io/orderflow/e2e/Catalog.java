package io.orderflow.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Products and their first stock, entered through the gateway and awaited on the query API. */
final class Catalog {

    private Catalog() {
    }

    /** Puts each SKU in the catalog, receives {@code quantity} of it, and waits until the query API shows it. */
    static void stock(E2eStack stack, List<String> skus, int quantity, Ledger ledger) throws Exception {
        Api api = new Api();
        for (String sku : skus) {
            Api.Response product = api.put(stack.gatewayUrl() + "/v1/products/" + sku, Api.WAREHOUSE, Map.of(
                    "name", "Product " + sku, "category", "tools", "unitPrice", "10.00", "reorderPoint", 0,
                    "kind", "GOODS"));
            if (product.status() != 202) {
                throw new AssertionError("PUT product " + sku + ": " + product);
            }
            Api.Response receipt = api.post(stack.gatewayUrl() + "/v1/stock/" + sku + "/receipts", Api.WAREHOUSE,
                    Map.of("quantity", quantity, "reference", "opening-" + sku), "opening-" + sku);
            if (receipt.status() != 202) {
                throw new AssertionError("receipt " + sku + ": " + receipt);
            }
            ledger.received(sku, quantity);
        }
        for (String sku : skus) {
            Poll.until(Duration.ofSeconds(60), "stock of " + sku + " on the query API", () ->
                    api.get(stack.queryUrl(0) + "/v1/stock/" + sku, Api.WAREHOUSE).json().path("onHand").asLong()
                            == quantity);
        }
    }
}
