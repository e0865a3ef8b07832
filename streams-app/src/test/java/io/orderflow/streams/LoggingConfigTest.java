package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.localstack.LogbackOutput;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The app's own {@code logback.xml}: JSON lines by default, readable text with {@code LOG_FORMAT=text}. */
class LoggingConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteOneJsonObjectPerEventByDefault() throws Exception {
        List<String> lines = logThroughAppConfig(null);

        assertThat(lines).as("every line is a JSON object, no logback status lines").hasSize(2).allMatch(line -> line.startsWith("{"));
        JsonNode info = JSON.readTree(lines.get(0));
        assertThat(info.get("level").asText()).isEqualTo("INFO");
        assertThat(info.get("loggerName").asText()).isEqualTo("io.orderflow.streams.Probe");
        assertThat(info.get("formattedMessage").asText()).isEqualTo("restored store orders-store partition 2: 7 records");
        assertThat(info.get("timestamp").asLong()).isPositive();
        JsonNode error = JSON.readTree(lines.get(1));
        assertThat(error.get("level").asText()).isEqualTo("ERROR");
        assertThat(error.get("throwable").get("message").asText()).isEqualTo("disk full");
    }

    @Test
    void shouldWriteReadableLinesWhenAskedForText() throws Exception {
        List<String> lines = logThroughAppConfig("text");

        assertThat(lines.get(0)).contains(" INFO ", "restored store orders-store partition 2: 7 records").doesNotStartWith("{");
        assertThat(lines).anyMatch(line -> line.contains("java.lang.IllegalStateException: disk full"));
    }

    @Test
    void shouldTakeTheFormatInAnyCase() throws Exception {
        assertThat(logThroughAppConfig("TEXT").get(0)).contains(" INFO ").doesNotStartWith("{");
    }

    @Test
    void shouldStillWriteEveryLineWhenTheFormatIsNone() throws Exception {
        // the app refuses such a value at start (AppConfigTest); its refusal must reach the log, not vanish
        assertThat(logThroughAppConfig("jsno")).hasSize(2).allMatch(line -> line.startsWith("{"));
    }

    /** What streams-app's logback.xml writes of an INFO and an ERROR with a stack trace; {@code format} LOG_FORMAT, or none. */
    private static List<String> logThroughAppConfig(String format) throws Exception {
        URL appConfig = LoggingConfigTest.class.getClassLoader().getResource("logback.xml");
        assertThat(appConfig).as("streams-app's src/main/resources/logback.xml on the classpath").isNotNull();
        return LogbackOutput.lines(appConfig, format == null ? Map.of() : Map.of("LOG_FORMAT", format), context -> {
            Logger logger = context.getLogger("io.orderflow.streams.Probe");
            logger.info("restored store {} partition {}: {} records", "orders-store", 2, 7);
            logger.error("state directory unusable", new IllegalStateException("disk full"));
        });
    }
}
