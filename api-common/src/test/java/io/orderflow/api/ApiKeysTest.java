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
    void shouldRefuseAnUnknownRoleOrAPartnerWithoutSecret() {
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of("k p wizard")));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of("k p logistics")));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of("k sf-express logistics SF s")));
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
