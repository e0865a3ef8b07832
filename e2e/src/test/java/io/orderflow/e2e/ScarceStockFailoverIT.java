package io.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 22, stock by SKU under failover: random orders over three SKUs with little stock (most approvals wait),
 * receipts, shipments and cancellations through the gateway against two streams-app instances, one of which is
 * killed with SIGKILL mid-traffic and started again. Once the traffic has stopped and the app has committed the
 * end of every input, the stock's guarantees hold, read through the query API alone and recomputed from the
 * acknowledged receipts (and a last receipt of plenty of every SKU, from which every waiting order is served):
 * <ul>
 *   <li>never negative, nothing held in flight;</li>
 *   <li>conserved: on hand = receipts − shipped, and each SKU's reserved is what the orders' lines say they
 *       hold;</li>
 *   <li>all or none: an approved order holds every line it has not shipped, a waiting order holds none;</li>
 *   <li>no order waits for stock that is there: each waiting order is short of one of its SKUs;</li>
 *   <li>exactly once: no order's history has a person's command twice (each is sent once, retried under one
 *       idempotency key).</li>
 * </ul>
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ScarceStockFailoverIT {

    private static final List<String> SKUS = List.of("SS-A", "SS-B", "SS-C");
    /** A few units per SKU: the orders (1-4 units per line) soon wait, and receipts wake them. */
    private static final int OPENING_STOCK = 6;
    private static final int VICTIM = 1;
    /** Received at the end: more than all the orders together can want. */
    private static final int PLENTY = 1_000;
    private static final String GROUP = "orderflow-e2e";

    private static E2eStack stack;

    @BeforeAll
    static void startStack() {
        stack = E2eStack.shared();
    }

    @Test
    void stockKeepsItsGuaranteesWhenAStreamsInstanceIsKilledAmidWaitingOrders() throws Exception {
        Ledger ledger = new Ledger();
        Catalog.stock(stack, SKUS, OPENING_STOCK, ledger);
        // a receipt every 2 s (the orders' clients send a command every few hundred ms): most approvals wait
        Traffic traffic = new Traffic(stack.gatewayUrl(), "ss", SKUS, ledger).start(4, 11, Duration.ofSeconds(2));
        try (traffic) {
            awaitAcknowledged(traffic, 60);
            stack.killStreamsApp(VICTIM);
            awaitAcknowledged(traffic, traffic.acknowledged() + 60);
            stack.startStreamsApp(VICTIM);
            awaitAcknowledged(traffic, traffic.acknowledged() + 40);
        }
        stack.awaitReady();
        assertThat(traffic.errors()).as("answers other than 202, or commands never acknowledged").isEmpty();

        // then plenty of every SKU: every order still waiting must be served from it
        Api api = new Api();
        for (String sku : SKUS) {
            Api.Response receipt = api.post(stack.gatewayUrl() + "/v1/stock/" + sku + "/receipts", Api.WAREHOUSE,
                    Map.of("quantity", PLENTY, "reference", "plenty-" + sku), "plenty-" + sku);
            assertThat(receipt.status()).as("receipt " + sku + ": " + receipt).isEqualTo(202);
            ledger.received(sku, PLENTY);
        }

        List<String> violations = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.broker().bootstrapServers()))) {
            Poll.until(Duration.ofMinutes(3), Duration.ofSeconds(1), "the pipeline caught up and the stock's guarantees held", () -> {
                if (lag(admin) > 0) {
                    return false;
                }
                violations.clear();
                violations.addAll(violations(api, ledger));
                // read again after the check: nothing may have moved while it was made
                return violations.isEmpty() && lag(admin) == 0;
            });
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; violations: " + violations, timedOut);
        }
        long waiting = ledger.orders().stream().filter(order -> status(api, order.id).equals("AWAITING_STOCK")).count();
        long servedLater = ledger.orders().stream().filter(order -> allocated(api, order.id)).count();
        System.out.printf("scarce stock: %d orders, %d commands acknowledged, %d served from a receipt after waiting,"
                + " %d still waiting%n", ledger.orders().size(), traffic.acknowledged(), servedLater, waiting);
        assertThat(servedLater).as("approvals that waited for stock and were served when it came: the test must"
                + " make stock scarce").isPositive();
        assertThat(waiting).as("orders still waiting once there is plenty of every SKU").isZero();
    }

    /** Every guarantee that does not hold, read from the query API. */
    private static List<String> violations(Api api, Ledger ledger) throws Exception {
        List<String> violations = new ArrayList<>();
        Map<String, Long> shipped = new HashMap<>();
        Map<String, Long> reservedByOrders = new HashMap<>();
        Map<String, JsonNode> waitingOrders = new HashMap<>();
        for (Ledger.Order order : ledger.orders()) {
            Api.Response response = api.get(stack.queryUrl(0) + "/v1/orders/" + order.id, Api.ADMIN);
            if (response.status() != 200) {
                violations.add("order " + order.id + ": " + response.status());
                continue;
            }
            JsonNode view = response.json();
            String status = view.path("status").asText();
            for (JsonNode line : view.path("lines")) {
                String sku = line.path("sku").asText();
                long reserved = line.path("reservedQuantity").asLong();
                long open = line.path("quantity").asLong() - line.path("shippedQuantity").asLong();
                shipped.merge(sku, line.path("shippedQuantity").asLong(), Long::sum);
                reservedByOrders.merge(sku, reserved, Long::sum);
                boolean holding = status.equals("APPROVED") || status.equals("PARTIALLY_SHIPPED");
                if (holding && reserved != open) {
                    violations.add("all or none: " + status + " " + order.id + " holds " + reserved + " of " + open + " x "
                            + sku);
                }
                if (!holding && reserved != 0) {
                    violations.add("all or none: " + status + " " + order.id + " holds " + reserved + " x " + sku);
                }
            }
            if (status.equals("AWAITING_STOCK")) {
                waitingOrders.put(order.id, view);
            }
            // each order is sent each command at most once (and retried with the same idempotency key): an action
            // of a person twice in its history is a command applied twice
            Set<String> actions = new HashSet<>();
            for (JsonNode entry : api.get(stack.queryUrl(0) + "/v1/orders/" + order.id + "/history", Api.ADMIN)
                    .json().path("items")) {
                if (!entry.path("role").asText().equals("system") && !actions.add(entry.path("action").asText())) {
                    violations.add("exactly once: " + order.id + " applied " + entry.path("action").asText()
                            + " twice");
                }
            }
        }
        Map<String, Long> available = new HashMap<>();
        for (String sku : SKUS) {
            JsonNode stock = api.get(stack.queryUrl(0) + "/v1/stock/" + sku, Api.WAREHOUSE).json();
            long onHand = stock.path("onHand").asLong();
            long reserved = stock.path("reserved").asLong();
            long received = ledger.received().getOrDefault(sku, 0L);
            available.put(sku, stock.path("available").asLong());
            if (stock.path("held").asLong() != 0 || stock.path("available").asLong() < 0 || onHand < 0) {
                violations.add("never negative, nothing held: " + stock);
            }
            if (onHand != received - shipped.getOrDefault(sku, 0L)) {
                violations.add("conserved: " + sku + " on hand " + onHand + ", received " + received + ", shipped "
                        + shipped.getOrDefault(sku, 0L));
            }
            if (reserved != reservedByOrders.getOrDefault(sku, 0L)) {
                violations.add("conserved: " + sku + " reserved " + reserved + ", the orders hold "
                        + reservedByOrders.getOrDefault(sku, 0L));
            }
        }
        waitingOrders.forEach((id, view) -> {
            boolean isShort = false;
            for (JsonNode line : view.path("lines")) {
                isShort |= line.path("quantity").asLong() > available.getOrDefault(line.path("sku").asText(), 0L);
            }
            if (!isShort) {
                violations.add("no order waits for stock that is there: " + id + " " + view.path("lines")
                        + " with " + available);
            }
        });
        return violations;
    }

    private static String status(Api api, String orderId) {
        try {
            return api.get(stack.queryUrl(0) + "/v1/orders/" + orderId, Api.ADMIN).json().path("status").asText();
        } catch (Exception e) {
            throw new AssertionError("order " + orderId, e);
        }
    }

    /** Whether the order waited and was then served when stock arrived (a reservation by the pipeline itself). */
    private static boolean allocated(Api api, String orderId) {
        try {
            for (JsonNode entry : api.get(stack.queryUrl(0) + "/v1/orders/" + orderId + "/history", Api.ADMIN).json()
                    .path("items")) {
                if (entry.path("role").asText().equals("system") && entry.path("fromStatus").asText()
                        .equals("AWAITING_STOCK")) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new AssertionError("history of " + orderId, e);
        }
    }

    /** Records of the app's inputs its group has not committed past. */
    private static long lag(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            committed.keySet().forEach(partition -> partitions.put(partition, OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS).entrySet()) {
                lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the lag of " + GROUP, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitAcknowledged(Traffic traffic, int count) {
        Poll.until(Duration.ofMinutes(2), count + " acknowledged commands", () -> {
            if (!traffic.errors().isEmpty()) {
                throw new Poll.GiveUp("traffic failed: " + traffic.errors());
            }
            return traffic.acknowledged() >= count;
        });
    }
}
