package io.orderflow.streams.query.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Page;
import io.orderflow.streams.query.state.Slice;
import io.orderflow.streams.query.state.StateReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists and aggregates across instances: this instance's slices of a store plus every peer's
 * (asked with the list's {@link PeerQuery}, standbys allowed), merged so each partition counts once:
 * its active's slice, or when the active did not answer (gone, moving) the freshest standby's.
 * A partition nobody answered makes the whole answer not ready: a partial list is never passed
 * off as the whole.
 */
public final class FanOut {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    /** Rows asked of each partition at a time when a list is streamed. */
    public static final int PAGE_SIZE = 500;

    private final StateReader state;
    private final Peers peers;
    private final ObjectMapper json;
    private final int pageSize;
    private final Duration pageTimeout;

    public FanOut(StateReader state, Peers peers, ObjectMapper json) {
        this(state, peers, json, PAGE_SIZE, Duration.ofSeconds(15));
    }

    public FanOut(StateReader state, Peers peers, ObjectMapper json, int pageSize, Duration pageTimeout) {
        this.state = state;
        this.peers = peers;
        this.json = json;
        this.pageSize = pageSize;
        this.pageTimeout = pageTimeout;
    }

    public ObjectMapper json() {
        return json;
    }

    /** The other instances, for what one of them holds (a key's owner). */
    public Peers peers() {
        return peers;
    }

    public int pageSize() {
        return pageSize;
    }

    /**
     * A list read page by page from every partition of {@code store} and merged lazily in
     * {@code ordering}: first pages from every instance (each partition's from its active, else from its
     * freshest standby), then, as rows are used, the next page of a partition from the
     * instance that gave the previous one (another holder of it when that one is gone). A partition
     * nobody answers makes the answer not ready before any row; a partition lost after rows were
     * read fails the iteration.
     *
     * @param local    this instance's slices for a page
     * @param remote   what a peer is asked for the same page of its slices
     * @param caller   on whose behalf peers are asked
     * @param start    the position the list starts after, if any
     * @param size     rows per partition and page
     */
    public <T> CompletableFuture<Lookup<Streamed<T>>> stream(String store, Ordering<T> ordering,
                                                             Function<Page<T>, Lookup<List<Slice<T>>>> local,
                                                             Function<PeerQuery.Slices, PeerQuery<List<Slice<T>>>> remote,
                                                             Caller caller, Optional<String> start, int size) {
        if (!state.ready()) {
            return CompletableFuture.completedFuture(Lookup.notReady("the app is starting or stopping"));
        }
        Set<Integer> expected = state.partitions(store);
        if (expected.isEmpty()) {
            return CompletableFuture.completedFuture(Lookup.notReady(store + " is not assigned to any instance yet"));
        }
        Predicate<T> after = start.map(ordering::after).orElse(row -> true);
        Page<T> firstPage = new Page<>(Set.of(), after, ordering.comparator(), size);
        Map<HostInfo, CompletableFuture<List<Slice<T>>>> answers = new LinkedHashMap<>();
        for (HostInfo host : state.hosts(store)) {
            if (!host.equals(state.self())) {
                answers.put(host, slicesOf(host, store, remote.apply(PeerQuery.Slices.first(size, start)), caller));
            }
        }
        Lookup<List<Slice<T>>> own = local.apply(firstPage);
        List<Slice<T>> mine = own instanceof Lookup.Found<List<Slice<T>>> found ? found.value() : List.of();
        return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<Integer, List<HostInfo>> holders = new TreeMap<>();
            List<Sourced<T>> all = new ArrayList<>();
            mine.forEach(slice -> all.add(new Sourced<>(state.self(), slice)));
            answers.forEach((host, answer) -> answer.join().forEach(slice -> all.add(new Sourced<>(host, slice))));
            Map<Integer, Sourced<T>> chosen = choose(all);
            Set<Integer> missing = new TreeSet<>(expected);
            missing.removeAll(chosen.keySet());
            if (!missing.isEmpty()) {
                return Lookup.<Streamed<T>>notReady("partitions " + missing + " of " + store + " are moving or restoring");
            }
            long lag = 0;
            List<Slice<T>> firsts = new ArrayList<>();
            for (Sourced<T> s : chosen.values()) {
                firsts.add(s.slice());
                if (!s.slice().active()) {
                    lag = Math.max(lag, lagOf(s.slice()));
                }
                holders.computeIfAbsent(s.slice().partition(), p -> new ArrayList<>()).add(s.host());
            }
            for (Sourced<T> s : all) {
                List<HostInfo> hosts = holders.get(s.slice().partition());
                if (hosts != null && !hosts.contains(s.host())) {
                    hosts.add(s.host());
                }
            }
            Streamed.Pager<T> pager = (partition, position) -> nextPage(store, ordering, local, remote, caller,
                    holders.get(partition), partition, position, size);
            return new Lookup.Found<>(new Streamed<>(firsts, ordering, size, pager, lag), lag);
        });
    }

    /** The next page of one partition, from the first of its holders that answers. */
    private <T> Slice<T> nextPage(String store, Ordering<T> ordering, Function<Page<T>, Lookup<List<Slice<T>>>> local,
                                  Function<PeerQuery.Slices, PeerQuery<List<Slice<T>>>> remote, Caller caller,
                                  List<HostInfo> holders, int partition, String position, int size) {
        for (HostInfo host : holders) {
            List<Slice<T>> answer;
            if (host.equals(state.self())) {
                Lookup<List<Slice<T>>> own = local.apply(new Page<>(Set.of(partition), ordering.after(position),
                        ordering.comparator(), size));
                answer = own instanceof Lookup.Found<List<Slice<T>>> found ? found.value() : List.of();
            } else {
                try {
                    answer = slicesOf(host, store, remote.apply(PeerQuery.Slices.next(partition, position, size)), caller)
                            .get(pageTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    answer = List.of();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new QueryException.Unavailable("interrupted", Duration.ofSeconds(1));
                }
            }
            for (Slice<T> slice : answer) {
                if (slice.partition() == partition) {
                    return slice;
                }
            }
            log.info("{} did not give the next page of partition {} of {}", host, partition, store);
        }
        throw new QueryException.Unavailable("partition " + partition + " of " + store
                + " stopped answering while the list was read", Duration.ofSeconds(1));
    }

    /** A peer's slices; none when it does not answer or cannot now (its partitions are then missing). */
    private <T> CompletableFuture<List<Slice<T>>> slicesOf(HostInfo host, String store, PeerQuery<List<Slice<T>>> query,
                                                          Caller caller) {
        return peers.ask(host, query, caller)
                .thenApply(answer -> {
                    if (answer instanceof Lookup.Found<List<Slice<T>>> found) {
                        return found.value();
                    }
                    log.info("peer {} gave no slices of {}: {}", host, store, answer);
                    return List.<Slice<T>>of();
                })
                .exceptionally(failure -> {
                    log.info("peer {} did not answer for {}: {}", host, store, failure.toString());
                    return List.of();
                });
    }

    private record Sourced<T>(HostInfo host, Slice<T> slice) {
    }

    /** Each partition once: the active's slice, else the standby slice with the least lag. */
    private static <T> Map<Integer, Sourced<T>> choose(List<Sourced<T>> slices) {
        Map<Integer, Sourced<T>> chosen = new TreeMap<>();
        for (Sourced<T> sourced : slices) {
            Slice<T> slice = sourced.slice();
            Sourced<T> current = chosen.get(slice.partition());
            if (current == null || (!current.slice().active()
                    && (slice.active() || lagOf(slice) < lagOf(current.slice())))) {
                chosen.put(slice.partition(), sourced);
            }
        }
        return chosen;
    }

    private static long lagOf(Slice<?> slice) {
        return slice.lag() < 0 ? Long.MAX_VALUE / 2 : slice.lag();
    }
}
