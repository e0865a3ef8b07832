package io.orderflow.e2e;

import io.orderflow.e2e.Ledger.Action;
import io.orderflow.e2e.Ledger.Line;
import io.orderflow.e2e.Ledger.Order;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Client threads that use the product as its users do, through the gateway only: sales place orders, a reviewer
 * approves them, sales records payments and asks for cancellations, the warehouse ships, confirms deliveries and
 * receives stock. Each order follows one of a few scripts chosen by a seeded random. Every command is retried
 * under the same idempotency key until the gateway acknowledges it ({@code 503} while Kafka cannot take it), and
 * goes into the {@link Ledger} only once acknowledged; any other answer is recorded as an error.
 */
final class Traffic implements AutoCloseable {

    /** A command retried longer than this is reported as never acknowledged. */
    private static final Duration ACK_DEADLINE = Duration.ofSeconds(90);
    /** Between two commands of one client. */
    private static final Duration PAUSE = Duration.ofMillis(250);
    private static final List<List<Action>> SCRIPTS = List.of(
            List.of(Action.PLACE),
            List.of(Action.PLACE, Action.APPROVE),
            List.of(Action.PLACE, Action.APPROVE, Action.PAY, Action.SHIP),
            List.of(Action.PLACE, Action.APPROVE, Action.PAY, Action.SHIP, Action.DELIVER, Action.COMPLETE),
            List.of(Action.PLACE, Action.APPROVE, Action.SHIP, Action.DELIVER),
            List.of(Action.PLACE, Action.REQUEST_CANCEL, Action.APPROVE_CANCEL),
            List.of(Action.PLACE, Action.APPROVE, Action.REQUEST_CANCEL, Action.APPROVE_CANCEL));

    private final Api api = new Api();
    private final String gateway;
    private final String prefix;
    private final List<String> skus;
    private final Ledger ledger;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unavailableWithoutRetryAfter = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param prefix order ids and idempotency keys start with it, so that test classes sharing a stack keep apart
     * @param skus   the products ordered; stock must suffice for every approval
     */
    Traffic(String gateway, String prefix, List<String> skus, Ledger ledger) {
        this.gateway = gateway;
        this.prefix = prefix;
        this.skus = List.copyOf(skus);
        this.ledger = ledger;
    }

    /** Starts {@code clients} order threads and one stock-receipt thread, a receipt every {@link Poll#pace()}. */
    Traffic start(int clients, long seed) {
        return start(clients, seed, null);
    }

    /**
     * As {@link #start(int, long)}, a receipt every {@code receiptPause} (null: every {@link Poll#pace()}): longer
     * makes stock scarce, so that approvals wait for receipts.
     */
    Traffic start(int clients, long seed, Duration receiptPause) {
        for (int i = 0; i < clients; i++) {
            Random random = new Random(seed + i);
            threads.add(started(new Thread(() -> runOrders(random), prefix + "-client-" + i)));
        }
        Random random = new Random(seed - 1);
        threads.add(started(new Thread(() -> runReceipts(random, receiptPause), prefix + "-receipts")));
        return this;
    }

    private static Thread started(Thread thread) {
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    int acknowledged() {
        return acknowledged.get();
    }

    /** {@code 503} answers seen (each retried). */
    int unavailable() {
        return unavailable.get();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    List<String> unavailableWithoutRetryAfter() {
        return List.copyOf(unavailableWithoutRetryAfter);
    }

    /** Stops the clients after the command each is sending now, and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(ACK_DEADLINE.toMillis() + 30_000);
        }
    }

    private void runOrders(Random random) {
        while (running.get()) {
            List<Action> script = SCRIPTS.get(random.nextInt(SCRIPTS.size()));
            int n = sequence.incrementAndGet();
            List<Line> lines = new ArrayList<>();
            List<String> pool = new ArrayList<>(skus);
            int lineCount = 1 + random.nextInt(2);
            for (int i = 0; i < lineCount; i++) {
                String sku = pool.remove(random.nextInt(pool.size()));
                lines.add(new Line(sku, 1 + random.nextInt(4), new BigDecimal(5 + random.nextInt(20) + ".50")));
            }
            Order order = new Order(prefix + "-" + n, lines, "139" + String.format("%08d", (n * 7919L + 12_345_678L) % 100_000_000L),
                    "深圳市南山区科技园" + prefix + "路" + n + "号");
            for (Action action : script) {
                if (!send(order, action)) {
                    return;
                }
                // Pacing of the load, not a wait for anything: a few hundred orders make the point on two cores.
                LockSupport.parkNanos(PAUSE.toNanos());
            }
        }
    }

    private void runReceipts(Random random, Duration pause) {
        int n = 0;
        while (running.get()) {
            n++;
            String sku = skus.get(random.nextInt(skus.size()));
            int quantity = 1 + random.nextInt(5);
            String key = prefix + "-receipt-" + n;
            Map<String, Object> body = Map.of("quantity", quantity, "reference", key);
            if (!acknowledge(key, () -> api.post(gateway + "/v1/stock/" + sku + "/receipts", Api.WAREHOUSE, body, key))) {
                return;
            }
            ledger.received(sku, quantity);
            if (pause == null) {
                Poll.pace();
            } else {
                // pacing of the load, not a wait for anything
                LockSupport.parkNanos(pause.toNanos());
            }
        }
    }

    /** Sends one command until acknowledged; false (and an error) when it never is. */
    private boolean send(Order order, Action action) {
        String base = gateway + "/v1/orders/" + order.id;
        String key = order.id + "-" + action.name();
        boolean ok = acknowledge(key, () -> switch (action) {
            case PLACE -> api.post(gateway + "/v1/orders", Api.SALES, placeBody(order), null);
            case APPROVE -> api.post(base + "/approve", Api.REVIEWER, Map.of("note", "ok"), key);
            case PAY -> api.post(base + "/pay", Api.SALES,
                    Map.of("amount", order.total().toPlainString(), "method", "BANK_TRANSFER"), key);
            case SHIP -> api.post(base + "/ship", Api.WAREHOUSE, shipBody(order), key);
            case DELIVER -> api.post(base + "/deliver", Api.WAREHOUSE, Map.of("note", "signed"), key);
            case COMPLETE -> api.post(base + "/complete", Api.SALES, Map.of("note", "closed"), key);
            case REQUEST_CANCEL -> api.post(base + "/cancel", Api.SALES, Map.of("reason", "customer changed mind"), key);
            case APPROVE_CANCEL -> api.post(base + "/approve-cancel", Api.REVIEWER, Map.of("note", "agreed"), key);
        });
        if (ok) {
            if (action == Action.PLACE) {
                ledger.placed(order);
            }
            order.acknowledged.add(action);
        }
        return ok;
    }

    interface Request {
        Api.Response send() throws IOException, InterruptedException;
    }

    private boolean acknowledge(String what, Request request) {
        long deadline = System.nanoTime() + ACK_DEADLINE.toNanos();
        String last = "";
        while (System.nanoTime() - deadline < 0) {
            try {
                Api.Response response = request.send();
                if (response.status() == 202) {
                    acknowledged.incrementAndGet();
                    return true;
                }
                if (response.status() != 503) {
                    errors.add(what + ": " + response);
                    return false;
                }
                unavailable.incrementAndGet();
                if (response.header("Retry-After").isEmpty()) {
                    unavailableWithoutRetryAfter.add(what);
                }
                last = response.toString();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add(what + ": interrupted");
                return false;
            }
            Poll.pace();
        }
        errors.add(what + ": never acknowledged within " + ACK_DEADLINE.toSeconds() + " s; last " + last);
        return false;
    }

    static Map<String, Object> placeBody(Order order) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", "C-" + order.id);
        customer.put("name", "客户 " + order.id);
        customer.put("contactName", "王小明");
        customer.put("phone", order.phone);
        customer.put("address", order.address);
        List<Map<String, Object>> lines = order.lines.stream().map(line -> Map.<String, Object>of(
                "sku", line.sku(), "quantity", line.quantity(), "unitPrice", line.unitPrice().toPlainString())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order.id);
        body.put("channel", "ONLINE");
        body.put("customer", customer);
        body.put("paymentMethod", "BANK_TRANSFER");
        body.put("lines", lines);
        return body;
    }

    static Map<String, Object> shipBody(Order order) {
        List<Map<String, Object>> lines = order.lines.stream()
                .map(line -> Map.<String, Object>of("sku", line.sku(), "quantity", line.quantity())).toList();
        return Map.of("lines", lines, "carrier", "SF", "trackingNumber", "SF-" + order.id);
    }
}
