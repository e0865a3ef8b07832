package io.orderflow.localstack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Launches applications the way {@code up} does, against an "external" cluster and registry (only their
 * addresses matter here), and checks what each instance is given and that stopping ends them.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LocalStackAppsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void shouldStartEveryInstanceWithItsOwnPortAndStateAndStopThemAll() throws Exception {
        int basePort = twoFreePorts();
        List<Path> classpath = List.of(Path.of(EnvEchoApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        AppSpec echo = AppSpec.mainClass("echo-app", EnvEchoApp.class.getName(), classpath, "ECHO_PORT", basePort, true)
                .withEnv(Map.of("ECHO_STATE", "{stateDir}", "ECHO_SELF", "localhost:{port}", "ECHO_INSTANCE", "{instance}"));
        LocalStackConfig config = LocalStackConfig.from(Map.of(
                        "ORDERFLOW_HOME", home.toString(),
                        "KAFKA_BOOTSTRAP_SERVERS", "kafka.test:9092",
                        "SCHEMA_REGISTRY_URL", "http://registry.test:8081/apis/ccompat/v7"),
                List.of("--instances", "2"), home);
        LocalStack stack = new LocalStack(config, List.of(echo), Path.of("/"));

        stack.start();
        Properties first;
        Properties second;
        try {
            first = envOf(basePort);
            second = envOf(basePort + 1);
        } finally {
            stack.stop();
        }

        assertThat(first.getProperty("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka.test:9092");
        assertThat(first.getProperty("SCHEMA_REGISTRY_URL")).isEqualTo("http://registry.test:8081/apis/ccompat/v7");
        assertThat(first.getProperty("ORDERFLOW_HOME")).isEqualTo(home.toString());
        assertThat(first.getProperty("ECHO_SELF")).isEqualTo("localhost:" + basePort);
        assertThat(second.getProperty("ECHO_SELF")).isEqualTo("localhost:" + (basePort + 1));
        assertThat(first.getProperty("ECHO_INSTANCE")).isEqualTo("1");
        assertThat(second.getProperty("ECHO_INSTANCE")).isEqualTo("2");
        assertThat(first.getProperty("ECHO_STATE")).isEqualTo(home.resolve("state/echo-app-1").toString());
        assertThat(second.getProperty("ECHO_STATE")).isEqualTo(home.resolve("state/echo-app-2").toString());
        assertThat(home.resolve("logs/echo-app-1.log")).exists();
        assertThrows(ConnectException.class, () -> envOf(basePort));
        assertThrows(ConnectException.class, () -> envOf(basePort + 1));
    }

    private static Properties envOf(int port) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Properties env = new Properties();
        env.load(new StringReader(response.body()));
        return env;
    }

    /** A free port whose successor is free too, for two instances. */
    private static int twoFreePorts() {
        while (true) {
            int port = Ports.free();
            try {
                Ports.requireFree(port + 1, "the second instance", "ECHO_PORT");
                return port;
            } catch (IllegalStateException taken) {
                // Try another pair.
            }
        }
    }
}
