package io.orderflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orderflow.api.DemoKeys;
import io.orderflow.demo.StandInGateway.Recorded;
import io.orderflow.demo.StandInGateway.Reply;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generator against a stand-in gateway, in virtual time: every step runs synchronously in the test. */
@Timeout(60)
class TrafficTest {

    private static final Instant START = Instant.parse("2026-11-22T02:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private StandInGateway gateway;

    @BeforeEach
    void standIn() throws Exception {
        gateway = new StandInGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void shouldLoadTheCatalogUnderTheSameIdempotencyKeysOnARerun() {
        run(0, 1L, START);
        List<Recorded> first = gateway.requests();
        run(0, 2L, START.plus(Duration.ofHours(3)));
        List<Recorded> both = gateway.requests();
        List<Recorded> second = both.subList(first.size(), both.size());

        assertThat(first).hasSize(2 * DemoCatalog.ITEMS.size());
        assertThat(first.stream().filter(r -> r.method().equals("PUT"))).hasSize(DemoCatalog.ITEMS.size())
                .allSatisfy(r -> assertThat(r.path()).startsWith("/v1/products/"));
        assertThat(first.stream().filter(r -> r.path().endsWith("/receipts")))
                .hasSize(DemoCatalog.ITEMS.size())
                .allSatisfy(r -> assertThat(r.idempotencyKey())
                        .isEqualTo("demo-opening-stock-" + r.path().split("/")[3]));
        assertThat(first).allSatisfy(r -> {
            assertThat(r.apiKey()).isEqualTo(DemoKeys.WAREHOUSE);
            assertThat(r.idempotencyKey()).isNotBlank();
        });
        assertThat(keys(second)).isEqualTo(keys(first));
        assertThat(second.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList())
                .isEqualTo(first.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void shouldSignEveryTrackingScanWithTheCarriersSecretOverTheRawBody() throws Exception {
        run(40, 7L, START);

        List<Recorded> scans = gateway.requests("POST", "/v1/tracking");
        assertThat(scans).isNotEmpty();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("demo-secret-sf".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (Recorded scan : scans) {
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(scan.body()));
            assertThat(scan.header("X-Orderflow-Signature")).isEqualTo(expected);
            assertThat(scan.apiKey()).isEqualTo("demo-logistics-sf");
            assertThat(scan.json().path("carrier").asText()).isEqualTo("SF");
        }
        assertThat(scans.stream().map(s -> s.json().path("status").asText()).collect(Collectors.toSet()))
                .contains("PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
        assertThat(scans.stream().map(s -> s.json().path("eventId").asText()).distinct()).hasSize(scans.size());
    }

    @Test
    void shouldApproveWithTheReviewersKeyNeverTheCreators() {
        run(60, 11L, START);

        assertThat(gateway.requests("POST", "/v1/orders").stream().filter(r -> r.path().equals("/v1/orders")))
                .isNotEmpty().allSatisfy(r -> assertThat(r.apiKey()).isEqualTo(DemoKeys.SALES));
        for (String review : List.of("approve", "return", "approve-cancel", "approve-return", "reject-return")) {
            assertThat(gateway.commands(review)).allSatisfy(r -> assertThat(r.apiKey()).isEqualTo(DemoKeys.REVIEWER));
        }
        assertThat(gateway.commands("approve")).isNotEmpty();
        for (String warehouse : List.of("ship", "deliver", "receive-return")) {
            assertThat(gateway.commands(warehouse)).allSatisfy(r -> assertThat(r.apiKey()).isEqualTo(DemoKeys.WAREHOUSE));
        }
        for (String desk : List.of("submit", "cancel", "pay", "complete", "request-return")) {
            assertThat(gateway.commands(desk)).allSatisfy(r -> assertThat(r.apiKey()).isEqualTo(DemoKeys.SALES));
        }
    }

    @Test
    void shouldProduceTheWholeMixOfLifecyclesForASeededRun() {
        Tally tally = run(80, 42L, START);

        assertThat(tally.accepted(Action.PLACE)).isEqualTo(80);
        assertThat(tally.finished()).isEqualTo(80);
        assertThat(tally.abandoned()).isZero();
        assertThat(tally.acceptedByAction()).containsKeys(Action.APPROVE, Action.SHIP, Action.TRACKING_SCAN,
                Action.DELIVER, Action.PAY, Action.COMPLETE, Action.CANCEL, Action.APPROVE_CANCEL,
                Action.REQUEST_RETURN, Action.APPROVE_RETURN, Action.RECEIVE_RETURN, Action.RETURN_FOR_CHANGES,
                Action.AMEND, Action.SUBMIT);
        assertThat(tally.accepted(Action.APPROVE)).isGreaterThan(tally.accepted(Action.APPROVE_CANCEL));
        assertThat(tally.accepted(Action.SHIP)).isGreaterThan(tally.accepted(Action.APPROVE) - tally.accepted(Action.CANCEL));

        List<Recorded> places = gateway.requests().stream().filter(r -> r.path().equals("/v1/orders")).toList();
        LocalDate today = LocalDate.ofInstant(START, SHANGHAI);
        assertThat(places.stream().map(p -> p.json().path("channel").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("ONLINE", "PHONE", "OFFLINE", "DISTRIBUTOR");
        assertThat(places).anySatisfy(p -> assertThat(LocalDate.parse(p.json().path("expectedDeliveryDate").asText()))
                .isBefore(today));
        assertThat(places).allSatisfy(p -> {
            var lines = p.json().path("lines");
            assertThat(lines.size()).isBetween(1, 4);
            lines.forEach(l -> assertThat(l.path("unitPrice").isTextual()).isTrue());
        });
        Map<String, Long> byCustomer = places.stream()
                .collect(Collectors.groupingBy(p -> p.json().path("customer").path("id").asText(), Collectors.counting()));
        assertThat(byCustomer.values()).anySatisfy(n -> assertThat(n).isGreaterThan(1));
        assertThat(gateway.commands("ship").stream().map(s -> s.json().path("carrier").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("SF", "YTO", "JD");
    }

    @Test
    void shouldRepeatTheSameTrafficForTheSameSeed() throws Exception {
        run(25, 99L, START);
        List<String> first = gateway.requests().stream().map(TrafficTest::describe).toList();
        gateway.close();
        gateway = new StandInGateway();

        run(25, 99L, START);

        assertThat(gateway.requests().stream().map(TrafficTest::describe).toList()).isEqualTo(first);
    }

    @Test
    void shouldCarryOnAfterErrorAnswers() {
        AtomicInteger shipCalls = new AtomicInteger();
        gateway.override(r -> {
            // Every third order's approval is refused; every other shipment first meets a Kafka outage.
            if (r.path().endsWith("/approve") && orderNumber(r) % 3 == 0) {
                return Optional.of(Reply.of(400, "{\"status\":400,\"error\":\"Bad Request\","
                        + "\"message\":\"the request is invalid\",\"problems\":[{\"field\":\"note\",\"reason\":\"too long\"}]}"));
            }
            if (r.path().endsWith("/ship") && shipCalls.incrementAndGet() % 2 == 1) {
                return Optional.of(new Reply(503, "{\"status\":503,\"error\":\"Service Unavailable\","
                        + "\"message\":\"Kafka is not available\"}", Map.of("Retry-After", "1")));
            }
            return Optional.empty();
        });

        Tally tally = run(30, 5L, START);

        assertThat(tally.accepted(Action.PLACE)).isEqualTo(30);
        assertThat(tally.refused()).isPositive();
        assertThat(tally.abandoned()).isEqualTo(tally.refused());
        assertThat(tally.finished()).isPositive();
        assertThat(tally.accepted(Action.SHIP)).isPositive();
        Map<String, List<Recorded>> shipsByKey = gateway.commands("ship").stream()
                .collect(Collectors.groupingBy(Recorded::idempotencyKey));
        assertThat(shipsByKey.values()).anySatisfy(tries -> assertThat(tries).hasSizeGreaterThan(1));
        shipsByKey.values().forEach(tries -> assertThat(tries)
                .allSatisfy(t -> assertThat(t.body()).isEqualTo(tries.get(0).body())));
    }

    @Test
    void shouldWaitForTheStatusAStepNeedsAndGiveUpWhenItNeverComes() {
        gateway.statuses(id -> Optional.of("PENDING_REVIEW"));

        Tally tally = run(20, 3L, START);

        assertThat(tally.accepted(Action.PLACE)).isEqualTo(20);
        assertThat(gateway.commands("ship")).isEmpty();
        assertThat(tally.abandoned()).isPositive();
        assertThat(tally.finished() + tally.abandoned()).isEqualTo(20);
    }

    @Test
    void shouldBuyStockForOrdersAwaitingIt() {
        gateway.statuses(id -> Optional.of("AWAITING_STOCK"));

        run(2, 8L, START);

        assertThat(gateway.requests("POST", "/v1/stock/").stream()
                .filter(r -> r.json().path("reference").asText().startsWith("PO-"))).isNotEmpty();
        assertThat(gateway.commands("approve")).isEmpty();
    }

    @Test
    void shouldSayClearlyWhenTheGatewayNeverGetsReady() {
        gateway.readyStatus(503);
        ManualScheduler scheduler = new ManualScheduler(START);
        Traffic traffic = traffic(config(5, 1L, Duration.ofSeconds(30)), scheduler);

        traffic.start();
        scheduler.runUntilIdle(10_000);

        assertThat(traffic.finished()).isCompletedExceptionally();
        assertThat(gateway.requests()).isEmpty();
        Throwable failure = assertThrows(CompletionException.class,
                () -> traffic.finished().join()).getCause();
        assertThat(failure).hasMessageContaining("did not become ready within 30 s")
                .hasMessageContaining(gateway.uri().toString());
    }

    private Tally run(int orders, long seed, Instant start) {
        ManualScheduler scheduler = new ManualScheduler(start);
        Traffic traffic = traffic(config(orders, seed, Duration.ofSeconds(60)), scheduler);
        traffic.start();
        scheduler.runUntilIdle(1_000_000);
        assertThat(traffic.finished()).isCompleted();
        return traffic.finished().join();
    }

    private Traffic traffic(DemoConfig config, ManualScheduler scheduler) {
        GatewayClient client = new GatewayClient(HTTP, gateway.uri(), Duration.ofSeconds(5));
        QueryApi query = new QueryApi(HTTP, gateway.uri(), DemoKeys.ADMIN, Duration.ofSeconds(5), scheduler.clock());
        return new Traffic(config, client, query, scheduler, scheduler.clock());
    }

    private DemoConfig config(int orders, long seed, Duration readyTimeout) {
        return DemoConfig.from(Map.of(
                "GATEWAY_URL", gateway.uri().toString(),
                "QUERY_API_URL", gateway.uri().toString(),
                "DEMO_SEED", Long.toString(seed),
                "DEMO_MAX_ORDERS", Integer.toString(orders),
                "DEMO_READY_TIMEOUT_SECONDS", Long.toString(readyTimeout.toSeconds())), 0L);
    }

    /** 7 for {@code /v1/orders/20261122-000007/approve}. */
    private static int orderNumber(Recorded r) {
        String id = r.path().split("/")[3];
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }

    private static List<String> keys(List<Recorded> requests) {
        return requests.stream().map(r -> r.method() + " " + r.path() + " " + r.idempotencyKey()).toList();
    }

    private static String describe(Recorded r) {
        return r.method() + " " + r.path() + " " + r.apiKey() + " " + r.idempotencyKey() + " "
                + new String(r.body(), StandardCharsets.UTF_8);
    }

}
