package io.orderflow.streams;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.orderflow.api.ApiKeys;
import io.orderflow.api.CommonPool;
import io.orderflow.api.RegistryConnection;
import io.orderflow.serde.HttpSchemaRegistryClient;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.streams.analytics.AnalyticsSettings;
import io.orderflow.streams.query.QueryApi;
import io.orderflow.streams.query.QueryServices;
import io.orderflow.streams.query.live.ChangeFeed;
import io.orderflow.streams.query.live.KafkaChangeSource;
import io.orderflow.streams.query.live.Metrics;
import io.orderflow.streams.query.peer.HttpPeers;
import io.orderflow.streams.query.service.FanOut;
import io.orderflow.streams.query.service.HttpGateway;
import io.orderflow.streams.query.state.KafkaProgress;
import io.orderflow.streams.query.state.PeerSecret;
import io.orderflow.streams.query.state.StoreLayout;
import io.orderflow.streams.query.state.StreamsState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of the streams app: reads the configuration, creates missing topics, runs the
 * {@link OrderflowTopology} on {@link KafkaStreams} and serves the live query API and dashboard
 * ({@link QueryApi}, health routes included) on QUERY_PORT; peers reach it at
 * {@code application.server}. API keys are the gateway's (GATEWAY_API_KEYS_FILE,
 * GATEWAY_API_KEYS, GATEWAY_DEMO_KEYS); instances prove their peer calls to each other with
 * QUERY_PEER_SECRET ({@link PeerSecret}). Its {@code /metrics} are Kafka Streams' own and its clients', through
 * Micrometer's binders ({@link Metrics}). A stream thread that dies is replaced; the state is
 * never wiped on start (no {@code cleanUp()}): RocksDB and its checkpoints are reused, and
 * exactly-once restores whatever an unclean stop left uncommitted; only the small global
 * catalog store is rebuilt on every start ({@link GlobalState}).
 */
public final class StreamsApp implements AutoCloseable {

    static {
        // Before anything else touches the common pool: on 2 cores it would be a thread per async step.
        CommonPool.atLeastTwo();
    }

    private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

    private final AppConfig config;
    private final Topics topics;
    private final KafkaStreams streams;
    private final Javalin http;
    private final KafkaChangeSource changes;
    private final ScheduledExecutorService scheduler;
    private final KafkaProgress progress;
    private final StreamsState state;
    private final Metrics metrics;
    private final KafkaStreamsMetrics streamsMetrics;
    private final KafkaClientMetrics adminMetrics;
    private final CompletableFuture<Void> running = new CompletableFuture<>();
    private final Clock clock;
    /** The query API's port when QUERY_PORT=0 asked for any free one; null otherwise. */
    private final ServerSocketChannel listener;

    public StreamsApp(AppConfig config, Topics topics) {
        this(config, topics, Clock.system(AnalyticsSettings.fromEnv(config.settings()).zone()));
    }

    /**
     * With the clock the query API reads "now" and "today" from (the ledger's colours, rolling
     * sales' default end), in the zone the reports keep their days and months in. Kafka Streams
     * itself keeps the system clock: its wall-clock punctuations (alerts) read that.
     */
    public StreamsApp(AppConfig config, Topics topics, Clock clock) {
        this(config, config.queryPort() == 0 ? anyFreePort() : null, topics, clock);
    }

    /**
     * With QUERY_PORT=0 the query API's port is taken before anything else ({@code listener}), so that Kafka Streams
     * is told the port peers reach this instance at; otherwise Javalin takes QUERY_PORT when the app starts.
     */
    private StreamsApp(AppConfig asked, ServerSocketChannel listener, Topics topics, Clock clock) {
        AppConfig config = listener == null ? asked : asked.listeningOn(listener.socket().getLocalPort());
        this.listener = listener;
        this.config = config;
        this.topics = topics;
        Topology topology = OrderflowTopology.build(topics, config.settings());
        GlobalState.drop(config.stateDir(), config.applicationId());
        this.streams = new KafkaStreams(topology, config.streamsProperties(topics.deadLetters()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orderflow-query-waits");
            thread.setDaemon(true);
            return thread;
        });
        this.metrics = new Metrics();
        this.streamsMetrics = metrics.bind(streams);
        ChangeFeed feed = new ChangeFeed();
        this.changes = new KafkaChangeSource(config.kafkaClient(), topics.orderEvents(), topics.alerts(),
                topics.orderRefusals(), feed, metrics);
        StoreLayout layout = StoreLayout.of(topology.describe());
        this.state = new StreamsState(streams, HostInfo.buildFromEndpoint(config.applicationServer()), layout);
        AdminClient admin = AdminClient.create(config.kafkaClient());
        this.adminMetrics = metrics.bind(admin);
        this.progress = new KafkaProgress(admin, config.applicationId(), layout);
        PeerSecret peerSecret = PeerSecret.from(config.settings());
        if (!peerSecret.shared()) {
            log.warn("{} is not set: this instance answers no other instance's peer calls. Set the same secret on"
                    + " every instance to run more than one.", PeerSecret.SETTING);
        }
        this.http = QueryApi.create(listener, QueryServices.over(apiKeys(config), state,
                new HttpPeers(Duration.ofSeconds(1), Duration.ofSeconds(10), peerSecret), feed,
                metrics, () -> streams.state().toString(), scheduler, clock, progress,
                FanOut.PAGE_SIZE, peerSecret, AnalyticsSettings.fromEnv(config.settings()))
                .withGateway(HttpGateway.from(config.settings())));
        this.clock = clock;
    }

    private static ServerSocketChannel anyFreePort() {
        try {
            return ServerSocketChannel.open().bind(new InetSocketAddress(0));
        } catch (IOException e) {
            throw new UncheckedIOException("could not take a free port for the query API (QUERY_PORT=0)", e);
        }
    }

    /** The port QUERY_PORT=0 took, if the query API never started and so never took it over. */
    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException e) {
                log.warn("could not close the query API's port", e);
            }
        }
    }

    private static ApiKeys apiKeys(AppConfig config) {
        ApiKeys keys = ApiKeys.configured(config.settings());
        if (ApiKeys.demoKeysOn(config.settings())) {
            log.warn(ApiKeys.DEMO_KEYS_WARNING);
        }
        return keys;
    }

    public static void main(String[] args) {
        AppConfig config = AppConfig.from(System.getenv());
        SchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(config.schemaRegistryUrl(),
                RegistryConnection.from(config.settings()));
        StreamsApp app = new StreamsApp(config, Topics.from(config.settings(), registry));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "orderflow-streams-shutdown"));
        app.start();
    }

    public void start() {
        TopicSetup.ensure(config, topics);
        streams.setStateListener((next, previous) -> {
            state.changed();
            log.info("streams {} -> {}", previous, next);
            if (next == KafkaStreams.State.RUNNING) {
                running.complete(null);
            }
        });
        streams.setGlobalStateRestoreListener(new RestoreProgress(clock, Duration.ofSeconds(5)));
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("stream thread died; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        changes.start();
        http.start(config.queryPort());
        log.info("orderflow streams {} started; query API and dashboard on port {}", config.applicationId(), http.port());
    }

    /** The app's settings, its query API's port and address as they turned out (QUERY_PORT=0: a free port). */
    public AppConfig config() {
        return config;
    }

    /** Completes when Kafka Streams first reaches RUNNING. */
    public CompletableFuture<Void> running() {
        return running;
    }

    /** The query API and dashboard, health routes included; unstarted until {@link #start}. */
    public Javalin http() {
        return http;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Stops serving, then closes Kafka Streams and leaves the group: by default Kafka Streams
     * stays a member after close, and the next start (or the other instances) waits out the
     * previous member's session timeout in REBALANCING before anything is processed.
     */
    @Override
    public void close() {
        http.stop();
        closeListener();
        changes.close();
        adminMetrics.close();
        progress.close();
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        streamsMetrics.close();
        metrics.close();
        scheduler.shutdownNow();
    }
}
