package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    private static List<String> logThroughAppConfig(String format) throws Exception {
        URL appConfig = LoggingConfigTest.class.getClassLoader().getResource("logback.xml");
        assertThat(appConfig).as("streams-app's src/main/resources/logback.xml on the classpath").isNotNull();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (format != null) {
            context.putProperty("LOG_FORMAT", format);
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(appConfig);
            Logger logger = context.getLogger("io.orderflow.streams.Probe");
            logger.info("restored store {} partition {}: {} records", "orders-store", 2, 7);
            logger.error("state directory unusable", new IllegalStateException("disk full"));
        } finally {
            context.stop();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
}
