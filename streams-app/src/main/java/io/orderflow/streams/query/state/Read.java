package io.orderflow.streams.query.state;

import java.util.Optional;

/**
 * How to read: {@code local} answers from this instance only (a peer's call, never forwarded
 * again); {@code allowStandby} lets a standby copy answer; {@code after} is a write the answer
 * must already reflect.
 */
public record Read(boolean local, boolean allowStandby, Optional<ConsistencyToken> after) {

    public static final Read DEFAULT = new Read(false, false, Optional.empty());

    public Read withAfter(ConsistencyToken token) {
        return new Read(local, allowStandby, Optional.ofNullable(token));
    }
}
