package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.testtools.JavalinTest;
import io.orderflow.serde.InMemorySchemaRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthRoutesTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldBeLiveButNotReadyBeforeStreamsRuns() {
        Topics topics = Topics.from(Map.of(), new InMemorySchemaRegistry());
        AppConfig config = AppConfig.from(Map.of("STREAMS_STATE_DIR", stateDir.toString(),
                "GATEWAY_API_KEYS", "k-analyst analyst analyst"));
        try (StreamsApp app = new StreamsApp(config, topics)) {
            JavalinTest.test(app.http(), (server, client) -> {
                assertThat(client.get("/health/live").code()).isEqualTo(200);
                var ready = client.get("/health/ready");
                assertThat(ready.code()).isEqualTo(503);
                assertThat(ready.body().string()).contains("CREATED");
            });
        }
    }

    @Test
    void shouldServeOnAFreePortWhenAskedForPortZeroAndAdvertiseThatPort() throws Exception {
        Topics topics = Topics.from(Map.of(), new InMemorySchemaRegistry());
        AppConfig config = AppConfig.from(Map.of("STREAMS_STATE_DIR", stateDir.toString(), "QUERY_PORT", "0",
                "GATEWAY_API_KEYS", "k-analyst analyst analyst"));
        try (StreamsApp app = new StreamsApp(config, topics)) {
            int port = app.config().queryPort();
            assertThat(port).isPositive();
            assertThat(app.config().applicationServer()).isEqualTo("localhost:" + port);
            assertThatThrownBy(() -> new java.net.ServerSocket(port).close()).as("taken before the app starts")
                    .isInstanceOf(java.net.BindException.class);

            JavalinTest.test(app.http(), (server, client) -> {
                assertThat(server.port()).isEqualTo(port);
                assertThat(client.get("/health/live").code()).isEqualTo(200);
            });
        }
    }

    @Test
    void shouldRefuseToStartWithNoApiKeysRatherThanRunOpen() {
        Topics topics = Topics.from(Map.of(), new InMemorySchemaRegistry());
        AppConfig config = AppConfig.from(Map.of("STREAMS_STATE_DIR", stateDir.toString()));

        assertThatThrownBy(() -> new StreamsApp(config, topics).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEWAY_API_KEYS_FILE").hasMessageContaining("GATEWAY_DEMO_KEYS=true");
    }
}
