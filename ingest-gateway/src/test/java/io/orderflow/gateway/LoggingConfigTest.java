package io.orderflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.localstack.LogbackOutput;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The gateway's own {@code logback.xml}: the access log goes through a queue, and every line of it arrives. */
class LoggingConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteEveryAccessLineAsJsonThroughItsOwnThread() throws Exception {
        int requests = 20_000;   // more than the queue holds: a full queue must wait, never drop
        List<String> lines = logThroughAppConfig(context -> {
            org.slf4j.Logger access = context.getLogger("io.orderflow.gateway.access");
            org.slf4j.Logger app = context.getLogger("io.orderflow.gateway.GatewayApp");
            app.info("Ingest gateway listening on port 8080");
            for (int i = 0; i < requests; i++) {
                access.info("{} {} -> {} in {} ms", "POST", "/v1/orders", 202, i);
            }
        });

        assertThat(lines).hasSize(requests + 1).allMatch(line -> line.startsWith("{"));
        assertThat(lines).filteredOn(line -> line.contains("io.orderflow.gateway.access")).hasSize(requests);
        JsonNode last = JSON.readTree(lines.stream().filter(line -> line.contains("in " + (requests - 1) + " ms"))
                .findFirst().orElseThrow());
        assertThat(last.get("formattedMessage").asText()).isEqualTo("POST /v1/orders -> 202 in " + (requests - 1) + " ms");
        assertThat(last.get("threadName").asText()).as("the request's thread, not the writer's").isEqualTo("main");
    }

    @Test
    void shouldWriteTheAccessLogAsTextWhenAskedForText() throws Exception {
        List<String> lines = logThroughAppConfig(Map.of("LOG_FORMAT", "text"), context -> context.getLogger("io.orderflow.gateway.access").info("{} {} -> {} in {} ms", "GET", "/health/live", 200, 1));

        assertThat(lines).singleElement().asString().contains(" INFO ", "GET /health/live -> 200 in 1 ms").doesNotStartWith("{");
    }

    @Test
    void shouldStillWriteTheAccessLogWhenTheFormatIsNone() throws Exception {
        // the gateway refuses such a value at start (GatewayConfigTest); its refusal must reach the log, not vanish
        List<String> lines = logThroughAppConfig(Map.of("LOG_FORMAT", "txet"), context -> context.getLogger("io.orderflow.gateway.access").info("{} {} -> {} in {} ms", "GET", "/health/live", 200, 1));

        assertThat(lines).singleElement().asString().startsWith("{");
    }

    /** The lines the gateway's logback.xml writes to stdout while {@code logging} logs through it. */
    private static List<String> logThroughAppConfig(Consumer<LoggerContext> logging) throws Exception {
        return logThroughAppConfig(Map.of(), logging);
    }

    private static List<String> logThroughAppConfig(Map<String, String> properties, Consumer<LoggerContext> logging)
            throws Exception {
        URL appConfig = LoggingConfigTest.class.getClassLoader().getResource("logback.xml");
        assertThat(appConfig).as("the gateway's src/main/resources/logback.xml on the classpath").isNotNull();
        return LogbackOutput.lines(appConfig, properties, logging);
    }
}
