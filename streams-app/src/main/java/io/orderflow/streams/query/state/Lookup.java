package io.orderflow.streams.query.state;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What a query service answers: found (here, possibly from a standby that lags), owned by another
 * instance, absent, or not answerable now (rebalance, restore, a write not yet processed). The
 * route maps these to 200, a proxied answer, 404 and 503 with {@code Retry-After}.
 */
public sealed interface Lookup<T> {

    /** Found here; {@code lag} is how many offsets a standby trails its active (0 when active). */
    record Found<T>(T value, long lag) implements Lookup<T> {
        public static <T> Found<T> active(T value) {
            return new Found<>(value, 0);
        }
    }

    /** The key's active copy lives on {@code active}; {@code standbys} may answer when it is gone. */
    record Elsewhere<T>(HostInfo active, List<HostInfo> standbys) implements Lookup<T> {
    }

    record NotFound<T>() implements Lookup<T> {
    }

    record NotReady<T>(Duration retryAfter, String reason) implements Lookup<T> {
    }

    static <T> Lookup<T> notReady(String reason) {
        return new NotReady<>(Duration.ofSeconds(1), reason);
    }

    /** The same answer carrying another type, for states that carry no value. */
    @SuppressWarnings("unchecked")
    default <U> Lookup<U> retype() {
        if (this instanceof Found<T>) {
            throw new IllegalStateException("a found value cannot change its type");
        }
        return (Lookup<U>) this;
    }
}
