package io.orderflow.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Runs the launcher jar as `orderflow up` would, stops it as Ctrl-C would, and runs it again. */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LocalStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration STARTUP = Duration.ofSeconds(150);

    @TempDir
    Path workDir;

    private final List<Launched> launched = new ArrayList<>();

    @AfterEach
    void stopLaunchers() throws InterruptedException {
        // SIGTERM, not SIGKILL: the launcher's shutdown hook stops the registry it started.
        for (Launched launcher : launched) {
            if (launcher.process().isAlive()) {
                launcher.stop();
            }
        }
    }

    @Test
    void shouldRunBrokerAndRegistryUntilStoppedAndKeepTheirDataForTheNextUp() throws Exception {
        int kafkaPort = Ports.free();
        int registryPort = Ports.free();
        Path home = workDir.resolve("home");
        String bootstrap = "localhost:" + kafkaPort;
        String registryUrl = "http://localhost:" + registryPort + "/apis/ccompat/v7";

        Launched first = launch(home, kafkaPort, registryPort, "first.out");
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
        }
        int id = register(registryUrl, "kept-value", "{\"type\":\"string\"}");
        assertThat(first.stop()).isEqualTo(143);

        String output = first.output();
        assertThat(output)
                .contains("Kafka bootstrap servers  " + bootstrap)
                .contains("Schema registry          " + registryUrl)
                .contains("streams-app: not built yet")
                .contains("ingest-gateway: not built yet");
        assertThat(output.indexOf("stopped schema registry")).isLessThan(output.indexOf("stopped Kafka broker"));
        assertThat(Files.readString(home.resolve("logs/kafka.log"))).contains("Kafka Server started");
        assertThrows(ConnectException.class, () -> get(registryUrl + "/subjects"));

        Launched second = launch(home, kafkaPort, registryPort, "second.out");
        try (Admin admin = admin(bootstrap)) {
            assertThat(admin.listTopics().names().get()).contains("kept");
        }
        HttpResponse<String> schema = get(registryUrl + "/schemas/ids/" + id);
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(schema.body()).get("schema").asText()).isEqualTo("{\"type\":\"string\"}");
        assertThat(second.stop()).isEqualTo(143);
    }

    private record Launched(Process process, Path out) {

        /** SIGTERM, as Ctrl-C in a terminal; returns the exit code. */
        int stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("launcher stopped").isTrue();
            return process.exitValue();
        }

        String output() throws Exception {
            return Files.readString(out, StandardCharsets.UTF_8);
        }
    }

    private Launched launch(Path home, int kafkaPort, int registryPort, String outName) throws Exception {
        Path out = workDir.resolve(outName);
        ProcessBuilder builder = new ProcessBuilder(ChildProcess.javaExecutable(), "-jar",
                System.getProperty("orderflow.launcher.jar"), "up");
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("SCHEMA_REGISTRY_URL");
        builder.environment().putAll(Map.of(
                "ORDERFLOW_HOME", home.toString(),
                "KAFKA_PORT", Integer.toString(kafkaPort),
                "REGISTRY_PORT", Integer.toString(registryPort),
                // No application jars there, whatever the sibling modules have built.
                "ORDERFLOW_ROOT", Files.createDirectories(workDir.resolve("empty-project")).toString()));
        builder.redirectErrorStream(true).redirectOutput(out.toFile());
        Process process = builder.start();
        Launched launcher = new Launched(process, out);
        launched.add(launcher);
        Await.until(STARTUP, "the launcher to report it is running", () -> {
            if (!process.isAlive()) {
                throw new Await.GiveUp("it exited with code " + process.exitValue() + ":\n" + launcher.output());
            }
            return launcher.output().contains("Running.");
        });
        return launcher;
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static int register(String registryUrl, String subject, String schema) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema))))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("id").asInt();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
