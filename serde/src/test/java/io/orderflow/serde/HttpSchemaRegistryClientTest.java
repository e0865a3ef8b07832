package io.orderflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client against a small stand-in that answers like Confluent's registry, to check
 * what goes over the wire: paths, bodies, caching and error codes. The real registry is
 * exercised by the integration tests.
 */
class HttpSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = SchemaBuilder.record("Thing").namespace("t").fields()
            .requiredString("id").endRecord();

    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    /** How many registrations the stand-in refuses with 409 first, as Apicurio does the loser of a race. */
    private final java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopStandIn() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7/";
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().replace("/apis/ccompat/v7", "");
        requests.add(exchange.getRequestMethod() + " " + path);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        String answer;
        if (path.startsWith("/subjects/") && path.endsWith("/versions") && exchange.getRequestMethod().equals("POST")
                && conflicts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 409;
            answer = "{\"error_code\":409,\"message\":\"An artifact with ID 'x' in group 'null' already exists.\"}";
        } else if (path.startsWith("/subjects/") && path.endsWith("/versions") && exchange.getRequestMethod().equals("POST")) {
            String schema = JSON.readTree(body).path("schema").asText();
            int id = ids.computeIfAbsent(schema, s -> ids.size() + 1);
            schemas.put(id, schema);
            answer = "{\"id\":" + id + "}";
        } else if (path.startsWith("/subjects/") && exchange.getRequestMethod().equals("POST")) {
            Integer id = ids.get(JSON.readTree(body).path("schema").asText());
            if (id == null) {
                status = 404;
                answer = "{\"error_code\":40403,\"message\":\"Schema not found\"}";
            } else {
                answer = "{\"subject\":\"x\",\"version\":1,\"id\":" + id + ",\"schema\":\"\"}";
            }
        } else if (path.startsWith("/schemas/ids/")) {
            String schema = schemas.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
            if (schema == null) {
                status = 404;
                answer = "{\"error_code\":40403,\"message\":\"Schema not found\"}";
            } else {
                answer = JSON.createObjectNode().put("schema", schema).toString();
            }
        } else {
            status = 500;
            answer = "{\"error_code\":50001,\"message\":\"boom\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void shouldPostTheSchemaJsonToTheSubjectsVersions() throws IOException {
        SchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(url());

        int id = client.register("orders-value", SCHEMA);

        assertThat(id).isEqualTo(1);
        assertThat(requests).containsExactly("POST /subjects/orders-value/versions");
        JsonNode stored = JSON.readTree(schemas.get(1));
        assertThat(new Schema.Parser().parse(stored.toString())).isEqualTo(SCHEMA);
    }

    @Test
    void shouldAskAgainWhenARacingRegistrationWasRefusedAsAlreadyExisting() {
        conflicts.set(1);
        SchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(url());

        assertThat(client.register("orders-value", SCHEMA)).isEqualTo(1);
        assertThat(requests).containsExactly("POST /subjects/orders-value/versions", "POST /subjects/orders-value/versions");
    }

    @Test
    void shouldReportAConflictThatPersists() {
        conflicts.set(2);
        SchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(url());

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.register("orders-value", SCHEMA));
        assertThat(e.httpStatus()).isEqualTo(409);
    }

    @Test
    void shouldAskOncePerSubjectSchemaAndId() {
        SchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(url());
        int id = client.register("orders-value", SCHEMA);

        for (int i = 0; i < 5; i++) {
            assertThat(client.register("orders-value", SCHEMA)).isEqualTo(id);
            assertThat(client.idOf("orders-value", SCHEMA)).isEqualTo(id);
            assertThat(client.schemaById(id)).isEqualTo(SCHEMA);
        }

        assertThat(requests).hasSize(1);
    }

    @Test
    void shouldFetchASchemaByIdOnceAndParseIt() {
        HttpSchemaRegistryClient.forUrls(url()).register("orders-value", SCHEMA);
        SchemaRegistryClient reader = HttpSchemaRegistryClient.forUrls(url());

        assertThat(reader.schemaById(1)).isEqualTo(SCHEMA);
        assertThat(reader.schemaById(1)).isEqualTo(SCHEMA);

        assertThat(requests).containsExactly("POST /subjects/orders-value/versions", "GET /schemas/ids/1");
    }

    @Test
    void shouldReportTheRegistrysErrorCodeForAnUnknownId() {
        SchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(url());

        SchemaRegistryException error = assertThrows(SchemaRegistryException.class, () -> client.schemaById(77));

        assertThat(error.httpStatus()).isEqualTo(404);
        assertThat(error.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertThat(error.isNotFound()).isTrue();
        assertThat(error).hasMessageContaining("/schemas/ids/77").hasMessageContaining("Schema not found");
    }

    @Test
    void shouldLookUpWithoutRegistering() {
        SchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(url());

        assertThrows(SchemaRegistryException.class, () -> client.idOf("orders-value", SCHEMA));
        assertThat(ids).isEmpty();
        assertThat(requests).containsExactly("POST /subjects/orders-value");
    }

    @Test
    void shouldTryTheNextUrlWhenOneIsUnreachable() {
        SchemaRegistryClient client = new HttpSchemaRegistryClient(
                List.of("http://127.0.0.1:1", url()), Duration.ofSeconds(2));

        assertThat(client.register("orders-value", SCHEMA)).isEqualTo(1);
    }

    @Test
    void shouldNameEveryUrlWhenNoneIsReachable() {
        SchemaRegistryClient client = new HttpSchemaRegistryClient(List.of("http://127.0.0.1:1"), Duration.ofSeconds(2));

        SchemaRegistryException error = assertThrows(
                SchemaRegistryException.class, () -> client.register("orders-value", SCHEMA));

        assertThat(error).hasMessageContaining("no schema registry reachable").hasMessageContaining("127.0.0.1:1");
        assertThat(error.httpStatus()).isEqualTo(-1);
    }
}
