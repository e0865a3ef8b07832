package io.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7: the broker restarted mid-traffic. While it is away the gateway answers {@code 503} with
 * {@code Retry-After} and turns not ready instead of acknowledging; the clients retry under their idempotency keys;
 * once it is back, every command acknowledged before, during and after has taken effect exactly once.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrokerRestartIT {

    private static final List<String> SKUS = List.of("BR-A", "BR-B", "BR-C");
    private static final int OPENING_STOCK = 100_000;
    /** The gateway's delivery timeout (10 s) bounds how long a write waits before its 503, plus slack for load. */
    private static final Duration UNAVAILABLE_WITHIN = Duration.ofSeconds(30);

    private static E2eStack stack;

    @BeforeAll
    static void startStack() {
        stack = E2eStack.shared();
    }

    @Test
    void everyAcknowledgedCommandTakesEffectExactlyOnceAcrossABrokerRestart() throws Exception {
        Ledger ledger = new Ledger();
        Catalog.stock(stack, SKUS, OPENING_STOCK, ledger);
        Api api = new Api();

        Traffic traffic = new Traffic(stack.gatewayUrl(), "br", SKUS, ledger).start(3, 11);
        Api.Response probe;
        try (traffic) {
            awaitAcknowledged(traffic, 40);
            stack.broker().stop();
            try {
                int unavailableBefore = traffic.unavailable();
                probe = api.post(stack.gatewayUrl() + "/v1/stock/BR-A/receipts", Api.WAREHOUSE,
                        Map.of("quantity", 1, "reference", "br-probe"), "br-probe");
                assertThat(probe.status()).as("a write while the broker is away: " + probe).isEqualTo(503);
                assertThat(probe.header("Retry-After")).as("Retry-After on the 503").isPresent();
                assertThat(probe.millis()).as("ms until the 503").isLessThanOrEqualTo(UNAVAILABLE_WITHIN.toMillis());
                Poll.until(UNAVAILABLE_WITHIN, "the gateway not ready without Kafka",
                        () -> api.get(stack.gatewayUrl() + "/health/ready", null).status() == 503);
                Poll.until(UNAVAILABLE_WITHIN, "the clients to meet 503s",
                        () -> traffic.unavailable() >= unavailableBefore + 3);
            } finally {
                stack.broker().restart();
            }
            int atRestart = traffic.acknowledged();
            awaitAcknowledged(traffic, atRestart + 60);
        }
        System.out.printf("broker restart: %d orders, %d commands acknowledged, %d answers 503%n",
                ledger.orders().size(), traffic.acknowledged(), traffic.unavailable());
        assertThat(traffic.errors()).as("answers other than 202 or 503, or commands never acknowledged").isEmpty();
        assertThat(traffic.unavailableWithoutRetryAfter()).as("503s without Retry-After").isEmpty();

        // The probe's receipt, retried under its key now that Kafka is back, counts once.
        Poll.until(Duration.ofSeconds(60), "the probe receipt acknowledged", () -> api.post(
                stack.gatewayUrl() + "/v1/stock/BR-A/receipts", Api.WAREHOUSE,
                Map.of("quantity", 1, "reference", "br-probe"), "br-probe").status() == 202);
        ledger.received("BR-A", 1);

        stack.awaitReady();
        Recomputation recomputation = new Recomputation(ledger, stack);
        recomputation.awaitMatch(stack.queryUrl(0), Duration.ofMinutes(2));
        recomputation.awaitMatch(stack.queryUrl(1), Duration.ofSeconds(30));

        PersonalData.assertNotLogged(stack.logFiles(), ledger.orders().stream()
                .flatMap(order -> java.util.stream.Stream.of(order.phone, order.address)).toList());
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
