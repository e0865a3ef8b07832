package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orderflow.avro.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @Test
    void shouldReadKeysFromAFileAndTheEnvironmentWithoutTheDemoKeys(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), """
                # key        principal   role       carrier secret
                k-desk       desk-li     sales
                k-ems        EMS         logistics  EMS     s3cret
                """);

        ApiKeys keys = ApiKeys.from(file.toString(), "k-boss boss admin; k-rev rev reviewer", false);

        assertThat(keys.size()).isEqualTo(4);
        assertThat(keys.principalOf("k-desk")).contains(Principal.of("desk-li", Role.SALES));
        assertThat(keys.principalOf("k-ems").orElseThrow().carrier()).isEqualTo("EMS");
        assertThat(keys.principalOf("k-boss").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(keys.principalOf("demo-sales")).isEmpty();
        assertThat(keys.principalOf("")).isEmpty();
    }

    @Test
    void shouldServeTheDemoKeysOnlyWhenAskedAndRefuseToRunWithNoKeyAtAll() {
        assertThat(ApiKeys.configured(Map.of("GATEWAY_DEMO_KEYS", "yes")).principalOf("demo-admin")).isPresent();
        assertThat(ApiKeys.configured(Map.of("GATEWAY_API_KEYS", "k-boss boss admin")).principalOf("demo-admin"))
                .isEmpty();
        assertThat(ApiKeys.configured(Map.of("GATEWAY_API_KEYS", "k-boss boss admin", "GATEWAY_DEMO_KEYS", "0"))
                .principalOf("k-boss")).isPresent();
        for (Map<String, String> none : List.of(Map.<String, String>of(), Map.of("GATEWAY_DEMO_KEYS", "false"),
                Map.of("GATEWAY_API_KEYS", " "))) {
            assertThatThrownBy(() -> ApiKeys.configured(none)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("no API keys are configured: set GATEWAY_API_KEYS_FILE");
        }
        assertThatThrownBy(() -> ApiKeys.configured(Map.of("GATEWAY_DEMO_KEYS", "ja")))
                .hasMessage("GATEWAY_DEMO_KEYS must be true or false (yes or no, 1 or 0), not 'ja'");
    }

    @Test
    void shouldShipTheDocumentedDemoKeys() {
        ApiKeys keys = ApiKeys.from(null, null, true);

        assertThat(keys.principalOf("demo-logistics-sf").orElseThrow())
                .isEqualTo(new Principal("SF", Role.LOGISTICS, "SF", "demo-secret-sf"));
        for (String role : List.of("sales", "reviewer", "warehouse", "service", "analyst", "admin", "platform")) {
            assertThat(keys.principalOf("demo-" + role).orElseThrow().role().name()).isEqualTo(role.toUpperCase());
        }
    }

    @Test
    void shouldRefuseAnUnknownRoleOrAPartnerWithoutCarrier() {
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of("k p wizard")));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of("k p logistics")));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of("k sf-express logistics SF s")));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of("k p sales SF")));
    }

    @Test
    void shouldTakeAPartnersWebhookSecretFromAFileVariableSoThatTheKeysFileHoldsNoSecret(@TempDir Path dir)
            throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), "sha256:" + Sha256.hex("ems-key") + " EMS logistics EMS\n");
        Path secret = Files.writeString(dir.resolve("ems-webhook"), "ems-s3cret\n");

        ApiKeys configured = ApiKeys.configured(Map.of("GATEWAY_API_KEYS_FILE", keys.toString(),
                "GATEWAY_WEBHOOK_SECRET_EMS_FILE", secret.toString()));

        assertThat(configured.requireWebhookSecrets().principalOf("ems-key").orElseThrow())
                .isEqualTo(new Principal("EMS", Role.LOGISTICS, "EMS", "ems-s3cret"));
        assertThat(ApiKeys.configured(Map.of("GATEWAY_API_KEYS", "ems-key EMS logistics EMS",
                "GATEWAY_WEBHOOK_SECRET_EMS", "plain")).principalOf("ems-key").orElseThrow().webhookSecret())
                .isEqualTo("plain");
    }

    @Test
    void shouldNameTheVariablesWhenAPartnerHasNoWebhookSecretForTheGateway() {
        ApiKeys keys = ApiKeys.parse(List.of("k SF logistics SF"));

        assertThat(keys.principalOf("k").orElseThrow().webhookSecret()).isNull();
        assertThatThrownBy(keys::requireWebhookSecrets)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEWAY_WEBHOOK_SECRET_SF")
                .hasMessageContaining("GATEWAY_WEBHOOK_SECRET_SF_FILE");
    }

    @Test
    void shouldRefuseAWebhookSecretGivenBothOnTheLineAndInAVariableWithoutPrintingEither() {
        assertThatThrownBy(() -> ApiKeys.configured(Map.of("GATEWAY_API_KEYS", "k SF logistics SF line-s3cret",
                "GATEWAY_WEBHOOK_SECRET_SF", "var-s3cret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEWAY_WEBHOOK_SECRET_SF")
                .hasMessageNotContaining("line-s3cret")
                .hasMessageNotContaining("var-s3cret");
        assertThatThrownBy(() -> ApiKeys.webhookSecrets(Map.of("GATEWAY_WEBHOOK_SECRET_SF", "a",
                "GATEWAY_WEBHOOK_SECRET_SF_FILE", "/run/secrets/sf")))
                .hasMessageContaining("not both");
    }

    @Test
    void shouldNeverPrintAPartnersSecret() {
        assertThat(new Principal("p", Role.LOGISTICS, "SF", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldTakeAKeyWrittenAsItsHashAndSeveralKeysOfOnePrincipalForRotation() {
        String hashed = "sha256:" + Sha256.hex("k-new-key-of-li").toUpperCase(java.util.Locale.ROOT);
        ApiKeys keys = ApiKeys.parse(List.of(
                "k-old-key-of-li desk-li sales",
                hashed + " desk-li sales"));

        assertThat(keys.principalOf("k-old-key-of-li")).contains(Principal.of("desk-li", Role.SALES));
        assertThat(keys.principalOf("k-new-key-of-li")).contains(Principal.of("desk-li", Role.SALES));
        assertThat(keys.principalOf(hashed)).isEmpty();
        assertThat(keys.size()).isEqualTo(2);
    }

    @Test
    void shouldRefuseTheSameKeyTwiceOrAHashThatIsNoSha256() {
        assertThatThrownBy(() -> ApiKeys.parse(List.of("k-1 a sales", "sha256:" + Sha256.hex("k-1") + " b admin")))
                .hasMessage("API key line 2: the same key as an earlier line");
        assertThatThrownBy(() -> ApiKeys.parse(List.of("sha256:abc123 a sales")))
                .hasMessage("API key line 1: a hashed key is sha256: and 64 hex digits");
    }
}
