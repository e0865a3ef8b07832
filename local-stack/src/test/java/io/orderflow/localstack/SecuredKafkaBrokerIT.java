package io.orderflow.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The broker of {@code ./orderflow up --secure}: its one client port speaks SASL_SSL with SCRAM-SHA-512, the
 * applications' user gets in and writes transactionally (the broker's own SASL connection carries the markers),
 * a client with a wrong password, with TLS but no SASL, or with neither, is refused; the credentials made with
 * {@code keytool} at first start are kept for the next.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecuredKafkaBrokerIT {

    /** How long a refused client tries before it gives up; the refusal must come within it. */
    private static final int REFUSED_WITHIN_MS = 5_000;

    @TempDir
    static Path home;

    static BrokerSecurity security;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        security = BrokerSecurity.prepare(home.resolve("secure"));
        broker = KafkaBroker.start(home.resolve("kafka"), 0, Map.of(), security);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldLetTheAppsUserWriteTransactionallyOverSaslSsl() throws Exception {
        broker.createTopics("secured");
        Map<String, Object> config = new HashMap<>(broker.clientProperties());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "secured-tx");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("secured", "o-1", "placed")).get(30, TimeUnit.SECONDS);
            producer.commitTransaction();
        }

        try (Admin admin = broker.admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("secured");
        }
        assertThat(broker.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void shouldRefuseAClientWithAWrongPassword() {
        Map<String, Object> config = new HashMap<>(broker.clientProperties());
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"orderflow\" password=\"not-the-password\";");

        ExecutionException refused = assertThrows(ExecutionException.class, () -> listTopics(config));

        assertThat(refused.getCause()).isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
    }

    @Test
    void shouldRefuseAClientWithTlsButNoCredentials() {
        Map<String, Object> config = new HashMap<>(broker.clientProperties());
        config.put("security.protocol", "SSL");
        config.remove("sasl.mechanism");
        config.remove("sasl.jaas.config");

        ExecutionException refused = assertThrows(ExecutionException.class, () -> listTopics(config));

        // The TLS handshake succeeds; the broker then closes every connection that skips the SASL handshake.
        assertThat(refused.getCause()).isInstanceOf(TimeoutException.class);
    }

    @Test
    void shouldRefuseAPlaintextClient() {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());

        ExecutionException refused = assertThrows(ExecutionException.class, () -> listTopics(config));

        assertThat(refused.getCause()).isInstanceOf(TimeoutException.class);
    }

    @Test
    void shouldKeepItsCredentialsOwnerOnlyAndReuseThemOnTheNextStart() throws Exception {
        String truststore = Files.readString(security.truststorePasswordFile());
        byte[] keystore = Files.readAllBytes(security.dir().resolve("broker-keystore.p12"));

        BrokerSecurity again = BrokerSecurity.prepare(home.resolve("secure"));

        assertThat(Files.readString(again.truststorePasswordFile())).isEqualTo(truststore);
        assertThat(Files.readAllBytes(again.dir().resolve("broker-keystore.p12"))).isEqualTo(keystore);
        assertThat(Files.getPosixFilePermissions(security.dir()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(security.appPasswordFile()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(security.appEnvironment()).containsOnlyKeys("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
                "KAFKA_SASL_JAAS_CONFIG_FILE", "KAFKA_SSL_TRUSTSTORE_LOCATION", "KAFKA_SSL_TRUSTSTORE_TYPE",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE");
        assertThat(String.join(" ", security.appEnvironment().values()))
                .doesNotContain(Files.readString(security.appPasswordFile()))
                .doesNotContain(truststore);
    }

    /** Lists the topics with {@code config}, giving up after {@link #REFUSED_WITHIN_MS}. */
    private static void listTopics(Map<String, Object> config) throws Exception {
        Map<String, Object> bounded = new HashMap<>(config);
        bounded.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REFUSED_WITHIN_MS);
        bounded.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REFUSED_WITHIN_MS);
        try (Admin admin = Admin.create(bounded)) {
            admin.listTopics().names().get(REFUSED_WITHIN_MS + 5_000L, TimeUnit.MILLISECONDS);
        }
    }
}
