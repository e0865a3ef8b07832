package io.orderflow.localstack;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an app's own {@code logback.xml} writes to standard output, for the apps' tests of their logging
 * configuration: a fresh logback context, apart from the one the tests themselves log through.
 */
public final class LogbackOutput {

    private LogbackOutput() {
    }

    /**
     * Configures a fresh context from {@code config} with {@code properties} (e.g. LOG_FORMAT), lets {@code logging}
     * log through it, stops it (which drains any async appender's queue) and returns the non-blank lines written to
     * standard output meanwhile.
     */
    public static List<String> lines(URL config, Map<String, String> properties, Consumer<LoggerContext> logging)
            throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        properties.forEach(context::putProperty);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
            logging.accept(context);
        } finally {
            context.stop();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
}
