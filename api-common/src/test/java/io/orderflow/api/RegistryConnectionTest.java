package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryConnectionTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameTheRegistrySettingsAsConfluentsClientDoesAndReadSecretsFromFiles() throws Exception {
        Path userInfo = Files.writeString(dir.resolve("user-info"), "orderflow:s3cret\n");

        Map<String, String> configs = RegistryConnection.from(Map.of(
                "SCHEMA_REGISTRY_URL", "https://registry:8081",
                "SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO",
                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_FILE", userInfo.toString(),
                "SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION", "/certs/registry.p12",
                "SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD", "changeit"));

        assertThat(configs).containsExactlyInAnyOrderEntriesOf(Map.of(
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "orderflow:s3cret",
                "schema.registry.ssl.truststore.location", "/certs/registry.p12",
                "schema.registry.ssl.truststore.password", "changeit"));
        assertThat(RegistryConnection.from(Map.of("SCHEMA_REGISTRY_URL", "http://r:8081"))).isEmpty();
    }
}
