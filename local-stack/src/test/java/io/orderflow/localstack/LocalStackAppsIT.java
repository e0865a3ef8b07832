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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Launches applications the way {@code up} does, against an "external" cluster and registry (only their
 * addresses matter here), and checks what each instance is given, that one killed is started again, and that
 * stopping ends them.
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
        AppSpec echo = echoApp(basePort)
                .withEnv(Map.of("ECHO_STATE", "{stateDir}", "ECHO_SELF", "localhost:{port}", "ECHO_INSTANCE", "{instance}"))
                .withDefaults(Map.of("ECHO_STANDBYS", "{standbys}"));
        LocalStack stack = new LocalStack(twoInstances(), List.of(echo), Path.of("/"));

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
        assertThat(first.getProperty("ECHO_STANDBYS")).isEqualTo("1");
        assertThat(first.getProperty("ECHO_STATE")).isEqualTo(home.resolve("state/echo-app-1").toString());
        assertThat(second.getProperty("ECHO_STATE")).isEqualTo(home.resolve("state/echo-app-2").toString());
        assertThat(home.resolve("logs/echo-app-1.log")).exists();
        assertThrows(ConnectException.class, () -> envOf(basePort));
        assertThrows(ConnectException.class, () -> envOf(basePort + 1));
    }

    @Test
    void shouldStartAKilledInstanceAgainButNoneOnceStopped() throws Exception {
        int basePort = twoFreePorts();
        LocalStack stack = new LocalStack(twoInstances(), List.of(echoApp(basePort)), Path.of("/"));

        stack.start();
        long killed;
        long survivor;
        long restarted;
        try {
            killed = pidOf(basePort);
            survivor = pidOf(basePort + 1);
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            long[] answered = new long[1];
            // The supervisor waits 1 s, then the JVM starts: a new process answers on the same port.
            Await.until(Duration.ofSeconds(60), "echo-app-1 restarted", () -> {
                answered[0] = pidOf(basePort);
                return answered[0] != killed;
            });
            restarted = answered[0];
            assertThat(pidOf(basePort + 1)).isEqualTo(survivor);
        } finally {
            stack.stop();
        }

        assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(ProcessHandle.of(survivor).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThrows(ConnectException.class, () -> envOf(basePort));
        assertThrows(ConnectException.class, () -> envOf(basePort + 1));
    }

    private LocalStackConfig twoInstances() {
        return LocalStackConfig.from(Map.of(
                        "ORDERFLOW_HOME", home.toString(),
                        "KAFKA_BOOTSTRAP_SERVERS", "kafka.test:9092",
                        "SCHEMA_REGISTRY_URL", "http://registry.test:8081/apis/ccompat/v7"),
                List.of("--instances", "2"), home);
    }

    private static AppSpec echoApp(int basePort) throws Exception {
        List<Path> classpath = List.of(Path.of(EnvEchoApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        return AppSpec.mainClass("echo-app", EnvEchoApp.class.getName(), classpath, "ECHO_PORT", basePort, true);
    }

    private static long pidOf(int port) throws Exception {
        return Long.parseLong(envOf(port).getProperty(EnvEchoApp.PID));
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
