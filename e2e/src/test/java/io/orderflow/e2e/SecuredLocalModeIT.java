package io.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orderflow.localstack.AppSpec;
import io.orderflow.localstack.BrokerSecurity;
import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.LocalStackConfig;
import io.orderflow.localstack.Ports;
import io.orderflow.localstack.SchemaRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 23, a secured local mode that proves it: the launcher as {@code ./orderflow up --secure --no-demo} runs it
 * (in this JVM, on free ports; the registry is the e2e tests' shared one, as an external registry): the broker's
 * client port speaks SASL_SSL with SCRAM-SHA-512 only, and the gateway and the streams app reach it with nothing but
 * the ecosystem's {@code KAFKA_*} variables the launcher gives them. An order goes through; a client without
 * credentials is refused; no password reaches a log.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecuredLocalModeIT {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How long a refused client tries before it gives up; the refusal must come within it. */
    private static final int REFUSED_WITHIN_MS = 5_000;
    private static final String SKU = "SEC-A";

    private static Path home;
    private static LocalStack stack;
    private static BrokerSecurity security;
    private static String gatewayUrl;
    private static String queryUrl;
    private final Api api = new Api();

    @BeforeAll
    static void upSecure() throws IOException {
        home = freshHome();
        Path root = Path.of(System.getProperty("orderflow.root", "..")).toAbsolutePath().normalize();
        int gatewayPort = Ports.free();
        int queryPort = Ports.free();
        Map<String, String> env = new HashMap<>();
        env.put(LocalStackConfig.HOME_ENV, home.toString());
        env.put(LocalStackConfig.KAFKA_PORT_ENV, Integer.toString(Ports.free()));
        env.put(LocalStackConfig.REGISTRY_URL_ENV, SchemaRegistry.shared().url());
        env.put(LocalStackConfig.ROOT_ENV, root.toString());
        env.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        env.put("QUERY_PORT", Integer.toString(queryPort));
        LocalStackConfig config = LocalStackConfig.from(env, List.of("--secure", "--no-demo"), home);
        stack = new LocalStack(config, AppSpec.orderflowApps(), root);
        stack.start();
        security = stack.security().orElseThrow();
        gatewayUrl = "http://localhost:" + gatewayPort;
        queryUrl = "http://localhost:" + queryPort;
        Api api = new Api();
        for (String url : List.of(gatewayUrl, queryUrl)) {
            Poll.until(READY, url + "/health/ready", () -> api.get(url + "/health/ready", null).status() == 200);
        }
    }

    @AfterAll
    static void down() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void anOrderGoesThroughTheGatewayAndTheStreamsAppOnASaslSslBroker() throws Exception {
        Api.Response product = api.put(gatewayUrl + "/v1/products/" + SKU, Api.WAREHOUSE, Map.of(
                "name", "Secured product", "category", "tools", "unitPrice", "10.00", "reorderPoint", 0, "kind", "GOODS"));
        assertThat(product.status()).as(product.toString()).isEqualTo(202);
        Api.Response receipt = api.post(gatewayUrl + "/v1/stock/" + SKU + "/receipts", Api.WAREHOUSE,
                Map.of("quantity", 5, "reference", "opening-sec"), "opening-sec");
        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(202);
        Poll.until(WAIT, "stock of " + SKU + " on the query API", () ->
                api.get(queryUrl + "/v1/stock/" + SKU, Api.WAREHOUSE).json().path("onHand").asLong() == 5);

        String id = "sec-order-1";
        Ledger.Order order = new Ledger.Order(id, List.of(new Ledger.Line(SKU, 2, new BigDecimal("10.00"))),
                "13800139999", "深圳市南山区科技园" + id);
        Api.Response placed = api.post(gatewayUrl + "/v1/orders", Api.SALES, Traffic.placeBody(order), null);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);

        Api.Response[] seen = new Api.Response[1];
        Poll.until(WAIT, id + " PENDING_REVIEW on the query API", () -> {
            seen[0] = api.get(queryUrl + "/v1/orders/" + id, Api.REVIEWER);
            return seen[0].json().path("status").asText().equals("PENDING_REVIEW");
        });
        assertThat(new BigDecimal(seen[0].json().path("totalAmount").asText())).isEqualByComparingTo("20.00");

        // The topics the gateway and the streams app made are there, read by a client with the apps' credentials.
        try (Admin admin = Admin.create(withTimeouts(clientProperties()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("order-commands", "order-events",
                    "orderflow-streams-orders-store-changelog");
        }
        assertNoSecretIn(appLogs());
        PersonalData.assertNotLogged(appLogs(), List.of(order.phone, order.address));
    }

    @Test
    void aClientWithTlsButNoCredentialsIsRefusedByTheBroker() {
        Map<String, Object> config = clientProperties();
        config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SSL");
        config.remove("sasl.mechanism");
        config.remove("sasl.jaas.config");

        List<String> brokerSaid = new ArrayList<>();
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> brokerNetworkLog(brokerSaid, () -> listTopics(config)));

        // TLS succeeds; the broker closes every connection that does not authenticate with SASL first.
        assertThat(refused.getCause()).isInstanceOf(TimeoutException.class);
        assertThat(brokerSaid).anySatisfy(line -> assertThat(line)
                .contains("Unexpected Kafka request of type METADATA during SASL handshake"));
    }

    @Test
    void aPlaintextClientIsRefusedByTheBroker() {
        Map<String, Object> config = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));

        List<String> brokerSaid = new ArrayList<>();
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> brokerNetworkLog(brokerSaid, () -> listTopics(config)));

        // The broker speaks TLS first: a plaintext request is a failed handshake.
        assertThat(refused.getCause()).isInstanceOf(TimeoutException.class);
        assertThat(brokerSaid).anySatisfy(line -> assertThat(line)
                .contains("Failed authentication").contains("SSL handshake failed"));
    }

    @Test
    void aClientWithTheWrongPasswordIsRefusedByTheBroker() {
        Map<String, Object> config = clientProperties();
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"" + BrokerSecurity.APP_USER + "\" password=\"guessed\";");

        ExecutionException refused = assertThrows(ExecutionException.class, () -> listTopics(config));

        assertThat(refused.getCause()).isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
    }

    /** The settings a client of the secured broker needs, the apps' credentials included. */
    private static Map<String, Object> clientProperties() {
        Map<String, Object> config = new HashMap<>(security.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return config;
    }

    private static Map<String, Object> withTimeouts(Map<String, Object> config) {
        Map<String, Object> bounded = new HashMap<>(config);
        bounded.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REFUSED_WITHIN_MS);
        bounded.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REFUSED_WITHIN_MS);
        return bounded;
    }

    /** Lists the topics with {@code config}, giving up after {@link #REFUSED_WITHIN_MS}. */
    private static void listTopics(Map<String, Object> config) throws Exception {
        try (Admin admin = Admin.create(withTimeouts(config))) {
            admin.listTopics().names().get(REFUSED_WITHIN_MS + 5_000L, TimeUnit.MILLISECONDS);
        }
    }

    interface Action {
        void run() throws Exception;
    }

    /**
     * Runs {@code action} while collecting what the broker (in this JVM) logs about its connections into {@code said}:
     * why it closed them. Level INFO for the while, as Kafka logs failed authentications at INFO.
     */
    private static void brokerNetworkLog(List<String> said, Action action) throws Exception {
        ch.qos.logback.classic.Logger selector = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("org.apache.kafka.common.network.Selector");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        ch.qos.logback.classic.Level level = selector.getLevel();
        selector.addAppender(appender);
        selector.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            action.run();
        } finally {
            selector.setLevel(level);
            selector.detachAppender(appender);
            synchronized (appender) {
                for (ch.qos.logback.classic.spi.ILoggingEvent event : appender.list) {
                    said.add(event.getFormattedMessage()
                            + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()));
                }
            }
        }
    }

    /** No password of the local broker (the apps', the broker's, the stores') appears in a log of an app. */
    private static void assertNoSecretIn(List<Path> logs) throws IOException {
        List<String> secrets = new ArrayList<>();
        try (Stream<Path> files = Files.list(security.dir())) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".password")).toList()) {
                secrets.add(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
        }
        assertThat(secrets).hasSize(4).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(16));
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String secret : secrets) {
                assertThat(text).as("a password in " + log).doesNotContain(secret);
            }
        }
    }

    private static List<Path> appLogs() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("logs"))) {
            return files.filter(path -> path.getFileName().toString().matches("(ingest-gateway|streams-app)-\\d+\\.log"))
                    .sorted().toList();
        }
    }

    /** Next to the e2e stack's home under Maven (kept for reading after a run), emptied first. */
    private static Path freshHome() throws IOException {
        String e2eHome = System.getProperty("orderflow.e2e.home");
        if (e2eHome == null) {
            return Files.createTempDirectory("orderflow-secure-");
        }
        Path dir = Path.of(e2eHome).toAbsolutePath().resolveSibling("secure-stack");
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
