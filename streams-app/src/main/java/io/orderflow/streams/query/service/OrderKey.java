package io.orderflow.streams.query.service;

import io.orderflow.streams.query.state.ConsistencyToken;
import io.orderflow.streams.query.state.Read;
import java.time.Duration;
import java.util.Optional;

/**
 * How one order is read: its {@code id}; once the write of the consistency token {@code after} is processed, or once
 * the order has {@code status}, waiting at most {@code timeoutMillis}; from a standby copy too when {@code standby}
 * (asked of a standby because the owner is gone). Also what an instance asks the order's owner.
 */
public record OrderKey(String id, String after, String status, long timeoutMillis, boolean standby) {

    public OrderKey {
        if (id == null || id.isEmpty()) {
            throw new QueryException.Invalid("id", "an order id");
        }
        if (timeoutMillis < 0 || timeoutMillis > Waits.LONGEST.toMillis()) {
            throw new QueryException.Invalid("timeoutMillis", "between 0 and " + Waits.LONGEST.toMillis());
        }
    }

    /** The order {@code id} as a client asks for it (the token and the status already checked). */
    public static OrderKey of(String id, Optional<ConsistencyToken> after, Optional<String> status, Duration timeout) {
        return new OrderKey(id, after.map(ConsistencyToken::toString).orElse(null), status.orElse(null),
                timeout.toMillis(), false);
    }

    /** The same order, as its holder is asked for it: within {@code left}, a standby's copy too when {@code standby}. */
    OrderKey asked(Duration left, boolean standby) {
        return new OrderKey(id, after, status, Math.min(left.toMillis(), timeoutMillis), standby);
    }

    Optional<ConsistencyToken> token() {
        try {
            return ConsistencyToken.parse(after);
        } catch (IllegalArgumentException e) {
            throw new QueryException.Invalid("after", e.getMessage());
        }
    }

    Optional<String> awaitedStatus() {
        return Optional.ofNullable(status);
    }

    Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    /** How to read it here: {@code local} for a peer's question (never passed on again). */
    Read read(boolean local) {
        return new Read(local, standby, token());
    }

    /** Whether reading it may wait (for a write, for a status). */
    boolean waits() {
        return after != null || status != null;
    }
}
