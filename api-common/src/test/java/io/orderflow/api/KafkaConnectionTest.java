package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeEveryKafkaVariableAsAClientPropertyInTheImagesConvention() {
        Map<String, Object> properties = KafkaConnection.from(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "b1:9093,b2:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/certs/truststore.p12",
                "KAFKA_CLIENT_DNS_LOOKUP", "use_all_dns_ips",
                "KAFKA_SOME__UNDERSCORED___DASHED", "x",
                "KAFKA_PORT", "9092",
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "STREAMS_STATE_DIR", "/data"), "localhost:9092");

        assertThat(properties).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "b1:9093,b2:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/certs/truststore.p12",
                "client.dns.lookup", "use_all_dns_ips",
                "some_underscored-dashed", "x"));
        assertThat(KafkaConnection.from(Map.of(), "localhost:9092")).containsExactly(
                Map.entry("bootstrap.servers", "localhost:9092"));
    }

    @Test
    void shouldReadASecretFromTheFileItsFileVariableNames() throws Exception {
        Path jaas = Files.writeString(dir.resolve("jaas"), "org.apache.kafka.common.security.scram.ScramLoginModule"
                + " required username=\"orderflow\" password=\"s3cret\";\n");

        Map<String, Object> properties = KafkaConnection.from(Map.of("KAFKA_SASL_JAAS_CONFIG_FILE", jaas.toString()),
                "localhost:9092");

        assertThat(properties).containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram"
                + ".ScramLoginModule required username=\"orderflow\" password=\"s3cret\";");
    }

    @Test
    void shouldRefuseASecretGivenTwiceOrAFileThatCannotBeReadWithoutRepeatingTheSecret() {
        assertThatThrownBy(() -> KafkaConnection.from(Map.of("KAFKA_SASL_JAAS_CONFIG", "inline-secret",
                "KAFKA_SASL_JAAS_CONFIG_FILE", "/run/secrets/jaas"), "b:9092"))
                .hasMessage("set KAFKA_SASL_JAAS_CONFIG or KAFKA_SASL_JAAS_CONFIG_FILE, not both");
        assertThatThrownBy(() -> KafkaConnection.from(Map.of("KAFKA_SSL_KEY_PASSWORD_FILE",
                dir.resolve("missing").toString()), "b:9092"))
                .hasMessageStartingWith("KAFKA_SSL_KEY_PASSWORD_FILE names a file that cannot be read");
    }
}
