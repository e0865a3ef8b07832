package io.orderflow.streams.query.service;

import io.orderflow.streams.query.state.Lookup;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The other instances of the app, as the query services ask them: one {@link PeerQuery} of one instance, on behalf
 * of a {@link Caller}, answered from that instance's own state only (it never asks further). How a question travels
 * is the transport's business, not the services'.
 */
public interface Peers {

    /**
     * Asks {@code host}: found (with the lag of the copy that answered), not found or not ready, as the peer answers.
     * Fails, never hangs, when the peer is gone or slow or refuses the question.
     */
    <A> CompletableFuture<Lookup<A>> ask(HostInfo host, PeerQuery<A> query, Caller caller);

    /**
     * A key held by another instance ({@code where}): asked of its active ({@code query.apply(false)}), and when that
     * one is gone or not ready, of each of its standbys in turn ({@code query.apply(true)}: a standby may answer, saying
     * how far it lags). Not ready when nobody answers.
     */
    default <A> CompletableFuture<Lookup<A>> askHolder(Lookup.Elsewhere<?> where, Function<Boolean, PeerQuery<A>> query,
                                                       Caller caller) {
        CompletableFuture<Lookup<A>> answer = ask(where.active(), query.apply(false), caller);
        List<HostInfo> standbys = where.standbys();
        for (HostInfo standby : standbys) {
            answer = answer.handle((found, failure) -> failure == null && !(found instanceof Lookup.NotReady<A>)
                            ? CompletableFuture.completedFuture(found)
                            : ask(standby, query.apply(true), caller))
                    .thenCompose(Function.identity());
        }
        return answer.exceptionally(failure -> Lookup.notReady("the instance that owns this key is not reachable; retry"));
    }
}
