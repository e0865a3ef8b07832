package io.orderflow.demo;

import io.orderflow.api.DemoKeys;
import io.orderflow.demo.DemoCatalog.Item;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse's side of the demo: the catalog and its opening stock, restocking receipts, purchases that
 * arrive for orders waiting on stock, and the odd stocktake correction.
 *
 * <p>Loading the catalog is idempotent across restarts: every request carries an Idempotency-Key derived from
 * the SKU (and the product's content), and the gateway answers a repeated key with its first answer (kept on
 * {@code gateway-idempotency}), so a second {@code up} neither doubles the opening stock nor rewrites products.
 */
public final class StockKeeper {

    private static final Logger log = LoggerFactory.getLogger(StockKeeper.class);
    static final Duration EXPEDITE_GAP = Duration.ofMinutes(1);

    private final GatewayClient gateway;
    private final List<Item> items;
    private final String runId;
    private final Clock clock;
    private final Tally tally;
    private final AtomicInteger movements = new AtomicInteger();
    private final Map<String, Instant> lastExpedited = new ConcurrentHashMap<>();

    public StockKeeper(GatewayClient gateway, List<Item> items, String runId, Clock clock, Tally tally) {
        this.gateway = gateway;
        this.items = List.copyOf(items);
        this.runId = runId;
        this.clock = clock;
        this.tally = tally;
    }

    /** The Idempotency-Key of a product's catalog entry: its SKU and a hash of what it says. */
    static String productKey(Item item) {
        return "demo-product-" + item.sku() + "-" + shortHash(item.name() + "|" + item.category() + "|"
                + item.unitPrice().toPlainString() + "|" + item.reorderPoint());
    }

    /** The Idempotency-Key of a product's opening stock: once per SKU, ever. */
    static String openingStockKey(Item item) {
        return "demo-opening-stock-" + item.sku();
    }

    /**
     * Puts every product and receives its opening stock. True when the gateway took all of it (a {@code 409}, a
     * key already used with other content by an older demo catalog, counts as loaded).
     */
    public boolean loadCatalog() {
        boolean all = true;
        for (Item item : items) {
            all &= loaded(Call.put(Action.PRODUCT, "/v1/products/" + item.sku(), DemoKeys.WAREHOUSE,
                    productKey(item), GatewayClient.json(new Requests.ProductBody(item.name(), item.category(),
                            item.unitPrice().toPlainString(), item.reorderPoint()))));
        }
        for (Item item : items) {
            all &= loaded(Call.post(Action.RECEIPT, "/v1/stock/" + item.sku() + "/receipts", DemoKeys.WAREHOUSE,
                    openingStockKey(item), GatewayClient.json(new Requests.StockBody(item.openingStock(),
                            "OPENING-" + item.sku(), "期初库存 opening stock"))));
        }
        return all;
    }

    /** A delivery from a supplier: one or two products, 80-200 units each. */
    public void restock(Random r) {
        int count = 1 + r.nextInt(2);
        for (int i = 0; i < count; i++) {
            receive(items.get(r.nextInt(items.size())).sku(), 80 + r.nextInt(121), "补货入库 restocking delivery");
        }
    }

    /** Orders wait for stock: the purchase request is answered by a receipt, at most once a minute per SKU. */
    public void expedite(Collection<String> skus) {
        Instant now = clock.instant();
        for (String sku : skus) {
            Instant last = lastExpedited.get(sku);
            if (last == null || !now.isBefore(last.plus(EXPEDITE_GAP))) {
                lastExpedited.put(sku, now);
                receive(sku, 150, "采购到货 purchase for orders awaiting stock");
            }
        }
    }

    /** A stocktake (盘点) finds a small difference on one product. */
    public void stocktake(Random r) {
        Item item = items.get(r.nextInt(items.size()));
        int delta = (1 + r.nextInt(3)) * (r.nextBoolean() ? 1 : -1);
        int n = movements.incrementAndGet();
        send(Call.post(Action.ADJUSTMENT, "/v1/stock/" + item.sku() + "/adjustments", DemoKeys.WAREHOUSE,
                runId + "-stock-" + n, GatewayClient.json(new Requests.StockBody(delta, "STOCKTAKE-" + runId + "-" + n,
                        delta < 0 ? "盘点短少 stocktake: units missing" : "盘点盘盈 stocktake: units found"))));
    }

    private void receive(String sku, int quantity, String reason) {
        int n = movements.incrementAndGet();
        send(Call.post(Action.RECEIPT, "/v1/stock/" + sku + "/receipts", DemoKeys.WAREHOUSE, runId + "-stock-" + n,
                GatewayClient.json(new Requests.StockBody(quantity, "PO-" + runId + "-" + n, reason))));
    }

    private boolean loaded(Call call) {
        Answer answer = gateway.send(call);
        if (answer.accepted() || answer.status() == 409) {
            tally.countAccepted(call.action());
            return true;
        }
        log.warn("Catalog: {} not taken ({}); the load is repeated", call, answer.reason());
        return false;
    }

    private void send(Call call) {
        Answer answer = gateway.send(call);
        if (answer.accepted()) {
            tally.countAccepted(call.action());
        } else {
            if (answer.retryable()) {
                tally.countFailed();
            } else {
                tally.countRefused();
            }
            log.warn("Stock: {} not taken ({})", call, answer.reason());
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
