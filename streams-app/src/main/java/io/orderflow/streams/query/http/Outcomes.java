package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.service.QueryException;
import io.orderflow.streams.query.state.Lookup;
import java.time.Duration;

/**
 * What a query service's answer means in HTTP: found is the value (200, a standby's lag said in
 * {@value #STANDBY_LAG}), not found 404, not ready 503 with Retry-After; the last two thrown, for
 * {@link ErrorMapper} to write in the one error shape.
 */
public final class Outcomes {

    /** On an answer served by a standby: how many offsets it trails the active. */
    public static final String STANDBY_LAG = "X-Orderflow-Standby-Lag";

    private Outcomes() {
    }

    /** The value of a found answer; the others thrown as what they mean for {@code what} ("order", "stock"). */
    public static <T> T value(Lookup<T> answer, String what) {
        if (answer instanceof Lookup.Found<T> found) {
            return found.value();
        }
        if (answer instanceof Lookup.NotFound<T>) {
            throw new QueryException.NotFound("no such " + what);
        }
        if (answer instanceof Lookup.NotReady<T> notReady) {
            throw new QueryException.Unavailable(notReady.reason(), notReady.retryAfter());
        }
        throw new QueryException.Unavailable("the owner of this " + what + " is another instance", Duration.ofSeconds(1));
    }

    /** Says how stale an answer is when a standby had to answer (for a key, or for a partition of a list). */
    public static void standbyLag(Context ctx, long lag) {
        if (lag != 0) {
            ctx.header(STANDBY_LAG, Long.toString(lag));
        }
    }
}
