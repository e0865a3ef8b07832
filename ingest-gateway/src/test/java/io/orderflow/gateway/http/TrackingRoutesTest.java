package io.orderflow.gateway.http;

import static io.orderflow.gateway.http.Requests.json;
import static io.orderflow.gateway.http.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.Role;
import io.orderflow.avro.TrackingScan;
import io.orderflow.avro.TrackingStatus;
import io.orderflow.gateway.TestGateway;
import io.orderflow.gateway.service.PartnerService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackingRoutesTest {

    private static final String SCAN = """
            {"carrier": "SF", "trackingNumber": "SF100200300", "status": "IN_TRANSIT", "at": "2026-11-21T08:00:00Z",
             "location": "Shenzhen", "eventId": "sf-evt-1"}""";

    private final TestGateway gateway = new TestGateway();

    private static Map<String, String> signed(String body, String secret) {
        return Map.of(TrackingController.SIGNATURE_HEADER,
                PartnerService.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldWriteASignedScanKeyedByCarrierAndTrackingNumber() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = post(client, "/v1/tracking", "demo-logistics-sf", SCAN, signed(SCAN, "demo-secret-sf"));

            assertThat(response.code()).isEqualTo(202);
            assertThat(json(response).get("eventId").asText()).isEqualTo("sf-evt-1");
            assertThat(json(response).get("consistencyToken").asText()).isEqualTo("tracking-scans:0:0");
            var records = gateway.log.on("tracking-scans");
            assertThat(records).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo("SF:SF100200300");
            TrackingScan scan = (TrackingScan) records.get(0).value();
            assertThat(scan.getEventId()).isEqualTo("sf-evt-1");
            assertThat(scan.getStatus()).isEqualTo(TrackingStatus.IN_TRANSIT);
            assertThat(scan.getAt()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
            assertThat(scan.getLocation()).isEqualTo("Shenzhen");
            assertThat(scan.getActor().getId()).as("the partner is its carrier").isEqualTo("SF");
            assertThat(scan.getActor().getRole()).isEqualTo(Role.LOGISTICS);
        });
    }

    @Test
    void shouldAcceptARepeatedPartnerEventOnce() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var first = post(client, "/v1/tracking", "demo-logistics-sf", SCAN, signed(SCAN, "demo-secret-sf"));
            String resent = SCAN.replace("Shenzhen", "Shenzhen hub");
            var repeat = post(client, "/v1/tracking", "demo-logistics-sf", resent, signed(resent, "demo-secret-sf"));

            assertThat(repeat.code()).isEqualTo(202);
            assertThat(json(repeat)).isEqualTo(json(first));
            assertThat(gateway.log.on("tracking-scans")).hasSize(1);
        });
    }

    @Test
    void shouldRefuseAMissingOrWrongSignature() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var missing = post(client, "/v1/tracking", "demo-logistics-sf", SCAN);
            var wrongSecret = post(client, "/v1/tracking", "demo-logistics-sf", SCAN, signed(SCAN, "guess"));
            var otherBody = post(client, "/v1/tracking", "demo-logistics-sf", SCAN.replace("IN_TRANSIT", "DELIVERED"),
                    signed(SCAN, "demo-secret-sf"));
            var notHex = post(client, "/v1/tracking", "demo-logistics-sf", SCAN,
                    Map.of(TrackingController.SIGNATURE_HEADER, "sha256=zz"));

            assertThat(missing.code()).isEqualTo(401);
            assertThat(wrongSecret.code()).isEqualTo(401);
            assertThat(otherBody.code()).isEqualTo(401);
            assertThat(notHex.code()).isEqualTo(401);
            assertThat(json(wrongSecret).get("status").asInt()).isEqualTo(401);
            assertThat(gateway.log.records()).isEmpty();
        });
    }

    @Test
    void shouldRefuseScansOfAnotherCarrier() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            String ems = SCAN.replace("\"SF\"", "\"EMS\"");
            var response = post(client, "/v1/tracking", "demo-logistics-sf", ems, signed(ems, "demo-secret-sf"));

            assertThat(response.code()).isEqualTo(403);
            assertThat(gateway.log.records()).isEmpty();
        });
    }

    @Test
    void shouldLetOnlyLogisticsPartnersPostScans() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            for (String key : new String[] {"demo-sales", "demo-warehouse", "demo-admin", "demo-analyst"}) {
                assertThat(post(client, "/v1/tracking", key, SCAN, signed(SCAN, "demo-secret-sf")).code())
                        .as(key).isEqualTo(403);
            }
        });
    }

    @Test
    void shouldValidateASignedScan() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            String bad = "{\"carrier\": \"SF\", \"trackingNumber\": \"SF1\", \"status\": \"LOST_IN_SPACE\", "
                    + "\"at\": \"yesterday\"}";
            var response = post(client, "/v1/tracking", "demo-logistics-sf", bad, signed(bad, "demo-secret-sf"));

            assertThat(response.code()).isEqualTo(400);
            assertThat(json(response).get("problems").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("status", "at", "eventId");
        });
    }

    @Test
    void shouldRefuseAScanDatedAheadOfTheGatewaysClockBeyondTheSkewItAllows() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            Instant now = TestGateway.NOW;
            String ahead = SCAN.replace("2026-11-21T08:00:00Z", now.plus(Duration.ofHours(2)).toString());
            String skewed = SCAN.replace("2026-11-21T08:00:00Z", now.plus(Duration.ofMinutes(2)).toString())
                    .replace("sf-evt-1", "sf-evt-2");

            var refused = post(client, "/v1/tracking", "demo-logistics-sf", ahead, signed(ahead, "demo-secret-sf"));
            var accepted = post(client, "/v1/tracking", "demo-logistics-sf", skewed, signed(skewed, "demo-secret-sf"));

            assertThat(refused.code()).isEqualTo(400);
            assertThat(json(refused).get("problems").get(0).get("field").asText()).isEqualTo("at");
            assertThat(json(refused).get("problems").get(0).get("reason").asText()).contains("future");
            assertThat(accepted.code()).as("a partner clock a little ahead is tolerated").isEqualTo(202);
            assertThat(gateway.log.on("tracking-scans")).hasSize(1);
        });
    }
}
