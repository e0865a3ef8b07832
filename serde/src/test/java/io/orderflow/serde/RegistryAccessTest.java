package io.orderflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client's side of a secured registry, against an HTTP endpoint that answers Confluent's
 * {@code GET /schemas/ids/{id}} only to a request with the right basic credentials, as a managed registry does:
 * what the client sends, not how a registry is run (the ITs run a real one, unsecured).
 */
class RegistryAccessTest {

    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final String USER_INFO = "orderflow:s3cret-Pa55";

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expected = "Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8));
        server.createContext("/schemas/ids/7", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            boolean allowed = expected.equals(authorization);
            byte[] body = (allowed ? "{\"schema\":" + quoted(SCHEMA) + "}"
                    : "{\"error_code\":401,\"message\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void shouldSendTheUserInfoAsBasicAuthenticationWhenConfiguredAsConfluentNamesIt() {
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(url(), Map.of(
                RegistryAccess.CREDENTIALS_SOURCE, "USER_INFO", RegistryAccess.USER_INFO, USER_INFO));

        Schema schema = client.schemaById(7);

        assertThat(schema.getName()).isEqualTo("Probe");
    }

    @Test
    void shouldBeRefusedWithoutCredentialsAndNeverRepeatTheSecret() {
        HttpSchemaRegistryClient anonymous = HttpSchemaRegistryClient.forUrls(url());
        HttpSchemaRegistryClient wrong = HttpSchemaRegistryClient.forUrls(url(), Map.of(
                RegistryAccess.USER_INFO, "orderflow:not-it"));

        assertThatThrownBy(() -> anonymous.schemaById(7)).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("401");
        assertThatThrownBy(() -> wrong.schemaById(7)).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("401").hasMessageNotContaining("not-it");
        assertThat(authorizations).containsExactly("null",
                "Basic " + Base64.getEncoder().encodeToString("orderflow:not-it".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRefuseACredentialsSourceItDoesNotTakeOrUserInfoWithoutAPassword() {
        assertThatThrownBy(() -> RegistryAccess.from(Map.of(RegistryAccess.CREDENTIALS_SOURCE, "SASL_INHERIT")))
                .hasMessageContaining("must be USER_INFO");
        assertThatThrownBy(() -> RegistryAccess.from(Map.of(RegistryAccess.CREDENTIALS_SOURCE, "USER_INFO")))
                .hasMessageContaining("needs basic.auth.user.info");
        assertThatThrownBy(() -> RegistryAccess.from(Map.of(RegistryAccess.USER_INFO, "just-a-token")))
                .hasMessage("basic.auth.user.info must be user:password");
    }
}
