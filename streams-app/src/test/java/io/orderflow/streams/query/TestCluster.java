package io.orderflow.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.orderflow.api.ApiKeys;
import io.orderflow.api.DemoKeys;
import io.orderflow.api.Json;
import io.orderflow.streams.analytics.AnalyticsSettings;
import io.orderflow.streams.query.live.ChangeFeed;
import io.orderflow.streams.query.live.Metrics;
import io.orderflow.streams.query.peer.HttpPeers;
import io.orderflow.streams.query.service.Caller;
import io.orderflow.streams.query.service.PeerQuery;
import io.orderflow.streams.query.service.Peers;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.PeerSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Two query APIs over one {@link InMemoryState}, talking to each other over real HTTP: "here"
 * (the app under test) and a peer started on a free port. The clock is fixed. What either asks
 * the other is written down ({@link #asked}).
 */
final class TestCluster implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final ObjectMapper JSON = Json.tolerant();

    static {
        // Building Avro records fills enum defaults by class name: the generated types must be trusted first.
        io.orderflow.serde.GeneratedAvroTypes.trust();
    }

    final InMemoryState state = new InMemoryState();
    final ChangeFeed feed = new ChangeFeed();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final HttpClient http = HttpClient.newHttpClient();
    private final Javalin peerApp;
    HostInfo here;
    final HostInfo peer;
    String streamsState = "RUNNING";
    /** The app's committed offsets and topic ends as the tests set them. */
    final FakeProgress progress = new FakeProgress();
    private final int pageSize;
    /** The secret both instances share, as QUERY_PEER_SECRET would give them. */
    static final PeerSecret PEER_SECRET = PeerSecret.of("test-peer-secret-of-this-cluster");
    /** The kinds of the questions each instance was asked by the other, in the order they were sent. */
    final Map<HostInfo, List<String>> asked = new ConcurrentHashMap<>();

    TestCluster() {
        this(io.orderflow.streams.query.service.FanOut.PAGE_SIZE);
    }

    /** Lists read {@code pageSize} rows per partition at a time. */
    TestCluster(int pageSize) {
        this.pageSize = pageSize;
        peerApp = QueryApi.create(services(() -> peer())).start(0);
        peer = new HostInfo("localhost", peerApp.port());
    }

    private HostInfo peer() {
        return peer;
    }

    /** Where the app under test relays the order desk's commands; none unless a test says. */
    io.orderflow.streams.query.service.Gateway gateway = io.orderflow.streams.query.service.Gateway.NONE;

    /** The app under test; its address is known once JavalinTest has started it ({@link #at}). */
    Javalin app() {
        return QueryApi.create(services(() -> here).withGateway(gateway));
    }

    /** Tells the cluster where the app under test listens. */
    void at(int port) {
        here = new HostInfo("localhost", port);
    }

    private QueryServices services(java.util.function.Supplier<HostInfo> self) {
        return QueryServices.over(ApiKeys.parse(DemoKeys.lines()), new LazySelf(state, self),
                new Recorded(new HttpPeers(Duration.ofMillis(500), Duration.ofSeconds(5), PEER_SECRET)), feed,
                new Metrics(), () -> streamsState, scheduler, clock, progress, pageSize, PEER_SECRET,
                AnalyticsSettings.defaults());
    }

    /** The questions {@code host} was asked so far. */
    List<String> askedOf(HostInfo host) {
        return List.copyOf(asked.getOrDefault(host, List.of()));
    }

    /** Peers whose questions are written down in {@link #asked} before they are sent. */
    private final class Recorded implements Peers {

        private final Peers peers;

        Recorded(Peers peers) {
            this.peers = peers;
        }

        @Override
        public <A> CompletableFuture<Lookup<A>> ask(HostInfo host, PeerQuery<A> query, Caller caller) {
            asked.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>()).add(PeerQuery.kindOf(query));
            return peers.ask(host, query, caller);
        }
    }

    HttpResponse<byte[]> get(String path, String key, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + here.port() + path))
                .timeout(Duration.ofSeconds(20));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String path, String key) {
        return get(path, key, Map.of());
    }

    /** A POST of {@code body} (JSON) to the app under test, as {@code key} (none when null). */
    HttpResponse<byte[]> post(String path, String body, String key, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + here.port() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        peerApp.stop();
        scheduler.shutdownNow();
    }

    /** The state as seen from an instance whose address is known late. */
    private record LazySelf(InMemoryState state, java.util.function.Supplier<HostInfo> address)
            implements io.orderflow.streams.query.state.StateReader {

        private io.orderflow.streams.query.state.StateReader view() {
            return state.at(address.get());
        }

        @Override
        public HostInfo self() {
            return address.get();
        }

        @Override
        public boolean ready() {
            return view().ready();
        }

        @Override
        public <V> io.orderflow.streams.query.state.Lookup<java.util.Map<String, V>> getAllIn(String store,
                String partitionKey, java.util.List<String> keys, io.orderflow.streams.query.state.Read read) {
            return view().getAllIn(store, partitionKey, keys, read);
        }

        @Override
        public <V, T> io.orderflow.streams.query.state.Lookup<java.util.List<io.orderflow.streams.query.state.Slice<T>>> scan(
                String store, io.orderflow.streams.query.state.Page<T> page, boolean allowStandby,
                java.util.function.BiFunction<String, V, T> mapper) {
            return view().scan(store, page, allowStandby, mapper);
        }

        @Override
        public <V, T> io.orderflow.streams.query.state.Lookup<java.util.List<io.orderflow.streams.query.state.Slice<T>>> scanRange(
                String store, String from, String to, io.orderflow.streams.query.state.Page<T> page,
                boolean allowStandby, java.util.function.BiFunction<String, V, T> mapper) {
            return view().scanRange(store, from, to, page, allowStandby, mapper);
        }

        @Override
        public <V, T> io.orderflow.streams.query.state.Lookup<java.util.List<io.orderflow.streams.query.state.Slice<T>>> scanWindows(
                String store, Instant from, Instant to, boolean allowStandby,
                java.util.function.BiFunction<org.apache.kafka.streams.kstream.Windowed<String>, V, T> mapper) {
            return view().scanWindows(store, from, to, allowStandby, mapper);
        }

        @Override
        public <V> java.util.Optional<V> global(String store, String key) {
            return view().global(store, key);
        }

        @Override
        public <V> java.util.List<V> globalValues(String store, int limit) {
            return view().globalValues(store, limit);
        }

        @Override
        public <V> java.util.List<V> globalValues(String store, String prefix, int limit) {
            return view().globalValues(store, prefix, limit);
        }

        @Override
        public java.util.Set<Integer> partitions(String store) {
            return view().partitions(store);
        }

        @Override
        public java.util.Set<HostInfo> hosts(String store) {
            return view().hosts(store);
        }

        @Override
        public java.util.List<Instance> instances() {
            return view().instances();
        }
    }
}
