package io.orderflow.streams;

import io.javalin.Javalin;
import io.orderflow.serde.HttpSchemaRegistryClient;
import io.orderflow.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of the streams app: reads the configuration, creates missing topics, runs the
 * {@link OrderflowTopology} on {@link KafkaStreams} and answers {@code GET /health/live} and
 * {@code GET /health/ready} on QUERY_PORT. A stream thread that dies is replaced; the state is
 * never wiped on start (no {@code cleanUp()}): RocksDB and its checkpoints are reused, and
 * exactly-once restores whatever an unclean stop left uncommitted.
 */
public final class StreamsApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

    private final AppConfig config;
    private final Topics topics;
    private final KafkaStreams streams;
    private final Javalin http;
    private final CompletableFuture<Void> running = new CompletableFuture<>();

    public StreamsApp(AppConfig config, Topics topics) {
        this.config = config;
        this.topics = topics;
        this.streams = new KafkaStreams(OrderflowTopology.build(topics, config.settings()),
                config.streamsProperties(topics.deadLetters()));
        this.http = health(streams);
    }

    public static void main(String[] args) {
        AppConfig config = AppConfig.from(System.getenv());
        SchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(config.schemaRegistryUrl());
        StreamsApp app = new StreamsApp(config, Topics.from(config.settings(), registry));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "orderflow-streams-shutdown"));
        app.start();
    }

    /** The health routes: live while the process runs, ready while Kafka Streams is RUNNING. */
    static Javalin health(KafkaStreams streams) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
            config.routes.get("/health/ready", ctx -> {
                KafkaStreams.State state = streams.state();
                ctx.status(state == KafkaStreams.State.RUNNING ? 200 : 503)
                        .json(Map.of("status", state.toString()));
            });
        });
    }

    public void start() {
        TopicSetup.ensure(config, topics);
        streams.setStateListener((next, previous) -> {
            log.info("streams {} -> {}", previous, next);
            if (next == KafkaStreams.State.RUNNING) {
                running.complete(null);
            }
        });
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("stream thread died; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        http.start(config.queryPort());
        log.info("orderflow streams {} started; health on port {}", config.applicationId(), http.port());
    }

    /** Completes when Kafka Streams first reaches RUNNING. */
    public CompletableFuture<Void> running() {
        return running;
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        http.stop();
        streams.close(Duration.ofSeconds(30));
    }
}
