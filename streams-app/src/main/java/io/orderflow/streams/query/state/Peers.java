package io.orderflow.streams.query.state;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The other instances of the app, over HTTP. A forwarded request carries {@link #LOCAL} so the
 * peer answers from its own state only (never forwarding again), and {@link #STANDBY} when its
 * standby copies may answer for an active that is gone.
 */
public interface Peers {

    String LOCAL = "X-Orderflow-Local";
    String STANDBY = "X-Orderflow-Standby";
    /** On an answer served by a standby: how many offsets it trails the active. */
    String STANDBY_LAG = "X-Orderflow-Standby-Lag";
    /** On a peer's call for slices: at most this many items per partition ... */
    String PAGE_SIZE = "X-Orderflow-Page-Size";
    /** ... strictly after this position of the list's order ... */
    String PAGE_AFTER = "X-Orderflow-Page-After";
    /** ... of these partitions only (comma separated). */
    String PAGE_PARTITIONS = "X-Orderflow-Page-Partitions";

    /** GET {@code pathAndQuery} on {@code host}; fails (never hangs) when the peer is gone or slow. */
    CompletableFuture<Answer> get(HostInfo host, String pathAndQuery, Map<String, String> headers);

    /** A peer's answer, relayed as it came: status, the headers that matter, body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** The request being served, as it is passed on to peers: path with query, and the caller's credentials. */
    record Forward(String pathAndQuery, Map<String, String> headers) {

        /** The same caller, another path (with its query). */
        public Forward to(String otherPathAndQuery) {
            return new Forward(otherPathAndQuery, headers);
        }

        public Forward with(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Forward(pathAndQuery, Map.copyOf(more));
        }
    }
}
