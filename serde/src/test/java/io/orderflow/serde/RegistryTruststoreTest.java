package io.orderflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client against a registry served over TLS with a certificate of its own, as a managed registry
 * behind a private CA is: with the truststore given under Confluent's names it reads the schema, without it the
 * handshake fails. The certificate is made by the JDK's {@code keytool}, for 127.0.0.1.
 */
class RegistryTruststoreTest {

    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final String PASSWORD = "registry-test-pass";

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static Path truststore;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("registry.p12");
        Path certificate = dir.resolve("registry.crt");
        truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "registry", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", PASSWORD);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/schemas/ids/7", exchange -> {
            byte[] body = ("{\"schema\":\"" + SCHEMA.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }

    private static String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void shouldReadTheRegistryOverTlsWithTheTruststoreGivenUnderConfluentsNames() {
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(url(), Map.of(
                RegistryAccess.TRUSTSTORE_LOCATION, truststore.toString(),
                RegistryAccess.TRUSTSTORE_PASSWORD, PASSWORD,
                RegistryAccess.TRUSTSTORE_TYPE, "PKCS12"));

        Schema schema = client.schemaById(7);

        assertThat(schema.getName()).isEqualTo("Probe");
    }

    @Test
    void shouldFailTheHandshakeWithoutTheTruststoreAndNotSayThePassword() {
        HttpSchemaRegistryClient untrusting = HttpSchemaRegistryClient.forUrls(url());

        assertThatThrownBy(() -> untrusting.schemaById(7)).isInstanceOf(SchemaRegistryException.class)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void shouldRefuseATruststoreWithTheWrongPasswordNamingTheSettingNotThePassword() {
        assertThatThrownBy(() -> RegistryAccess.from(Map.of(
                RegistryAccess.TRUSTSTORE_LOCATION, truststore.toString(),
                RegistryAccess.TRUSTSTORE_PASSWORD, "not-the-password")))
                .hasMessageContaining(RegistryAccess.TRUSTSTORE_LOCATION).hasMessageNotContaining("not-the-password");
    }
}
