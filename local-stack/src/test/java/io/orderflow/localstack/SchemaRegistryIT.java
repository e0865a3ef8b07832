package io.orderflow.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SchemaRegistryIT {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    static SchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistry.start(dataDir.resolve("registry"), 0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldServeARegisteredSchemaById() throws Exception {
        String schema = recordSchema("ById");

        int id = register("by-id-value", schema);

        assertThat(schemaById(id)).isEqualTo(schema);
    }

    @Test
    void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredAgain() throws Exception {
        String schema = recordSchema("Twice");

        int first = register("twice-value", schema);
        int second = register("twice-value", schema);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldGiveADifferentSchemaADifferentId() throws Exception {
        int first = register("evolving-value", recordSchema("EvolvingV1"));
        int second = register("evolving-value", recordSchema("EvolvingV2"));

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void shouldResolveIdsAfterARestartOnTheSameDataDirectory() throws Exception {
        String schema = recordSchema("Restarted");
        int id = register("restarted-value", schema);

        registry.restart();

        assertThat(schemaById(id)).isEqualTo(schema);
        assertThat(register("restarted-value", schema)).isEqualTo(id);
        assertThat(register("after-restart-value", recordSchema("AfterRestart"))).isNotEqualTo(id);
    }

    @Test
    void shouldFailWithTheRegistryLogWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> SchemaRegistry.start(dataDir.resolve("port-taken"), taken.getLocalPort()));

            assertThat(failure).hasMessageContaining("Last lines of").hasMessageContaining("registry.log");
        }
    }

    @Test
    void shouldShareOneRegistryPerJvm() throws Exception {
        SchemaRegistry shared = SchemaRegistry.shared();
        shared.close();

        assertThat(SchemaRegistry.shared()).isSameAs(shared);
        assertThat(shared.isRunning()).isTrue();
        assertThat(get(shared.url() + "/subjects").statusCode()).isEqualTo(200);
    }

    private static String recordSchema(String name) throws Exception {
        return JSON.writeValueAsString(Map.of(
                "type", "record",
                "name", name,
                "namespace", "io.orderflow.test",
                "fields", new Object[] {Map.of("name", "id", "type", "string")}));
    }

    private static int register(String subject, String schema) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema))))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("id").asInt();
    }

    private static String schemaById(int id) throws Exception {
        HttpResponse<String> response = get(registry.url() + "/schemas/ids/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        return body.get("schema").asText();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
