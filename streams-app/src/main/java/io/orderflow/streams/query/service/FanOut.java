package io.orderflow.streams.query.service;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Merged;
import io.orderflow.streams.query.state.Peers;
import io.orderflow.streams.query.state.Slice;
import io.orderflow.streams.query.state.StateReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists and aggregates across instances: this instance's slices of a store plus every peer's
 * (asked with {@link Peers#LOCAL}, standbys allowed), merged so each partition counts once:
 * its active's slice, or when the active did not answer (gone, moving) the freshest standby's.
 * A partition nobody answered makes the whole answer not ready: a partial list is never passed
 * off as the whole.
 */
public final class FanOut {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    private final StateReader state;
    private final Peers peers;
    private final ObjectMapper json;

    public FanOut(StateReader state, Peers peers, ObjectMapper json) {
        this.state = state;
        this.peers = peers;
        this.json = json;
    }

    /**
     * @param local   this instance's slices (standbys included)
     * @param forward the request as peers get it
     * @param item    the type of one item, to read peers' slices
     */
    public <T> CompletableFuture<Lookup<Merged<T>>> gather(String store, Supplier<Lookup<List<Slice<T>>>> local,
                                                          Peers.Forward forward, Class<T> item) {
        if (!state.ready()) {
            return CompletableFuture.completedFuture(Lookup.notReady("the app is starting or stopping"));
        }
        Set<Integer> expected = state.partitions(store);
        if (expected.isEmpty()) {
            return CompletableFuture.completedFuture(Lookup.notReady(store + " is not assigned to any instance yet"));
        }
        JavaType slices = json.getTypeFactory().constructCollectionType(List.class,
                json.getTypeFactory().constructParametricType(Slice.class, item));
        List<CompletableFuture<List<Slice<T>>>> answers = new ArrayList<>();
        for (HostInfo host : state.hosts(store)) {
            if (host.equals(state.self())) {
                continue;
            }
            Peers.Forward peerForward = forward.with(Peers.LOCAL, "1").with(Peers.STANDBY, "1");
            answers.add(peers.get(host, peerForward.pathAndQuery(), peerForward.headers())
                    .thenApply(answer -> this.<T>read(host, answer, slices))
                    .exceptionally(failure -> {
                        log.info("peer {} did not answer for {}: {}", host, store, failure.toString());
                        return List.of();
                    }));
        }
        Lookup<List<Slice<T>>> own = local.get();
        List<Slice<T>> mine = own instanceof Lookup.Found<List<Slice<T>>> found ? found.value() : List.of();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Slice<T>> all = new ArrayList<>(mine);
            answers.forEach(answer -> all.addAll(answer.join()));
            return merge(store, expected, all);
        });
    }

    /** Each expected partition once: the active's slice, else the standby slice with the least lag. */
    public static <T> Lookup<Merged<T>> merge(String store, Set<Integer> expected, List<Slice<T>> slices) {
        Map<Integer, Slice<T>> chosen = new TreeMap<>();
        for (Slice<T> slice : slices) {
            Slice<T> current = chosen.get(slice.partition());
            if (current == null || (!current.active() && (slice.active() || lagOf(slice) < lagOf(current)))) {
                chosen.put(slice.partition(), slice);
            }
        }
        Set<Integer> missing = new TreeSet<>(expected);
        missing.removeAll(chosen.keySet());
        if (!missing.isEmpty()) {
            return Lookup.notReady("partitions " + missing + " of " + store + " are moving or restoring");
        }
        List<T> items = new ArrayList<>();
        long lag = 0;
        for (Slice<T> slice : chosen.values()) {
            items.addAll(slice.items());
            if (!slice.active()) {
                lag = Math.max(lag, lagOf(slice));
            }
        }
        return new Lookup.Found<>(new Merged<>(items, lag), lag);
    }

    private static long lagOf(Slice<?> slice) {
        return slice.lag() < 0 ? Long.MAX_VALUE / 2 : slice.lag();
    }

    private <T> List<Slice<T>> read(HostInfo host, Peers.Answer answer, JavaType type) {
        if (answer.status() != 200) {
            log.info("peer {} answered {} for its slices", host, answer.status());
            return List.of();
        }
        try {
            return json.readValue(answer.body(), type);
        } catch (IOException e) {
            log.warn("peer {} sent unreadable slices", host, e);
            return List.of();
        }
    }
}
