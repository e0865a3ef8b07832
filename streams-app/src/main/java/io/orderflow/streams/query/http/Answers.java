package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.export.Column;
import io.orderflow.streams.query.export.Format;
import io.orderflow.streams.query.service.Processed;
import io.orderflow.streams.query.service.QueryException;
import io.orderflow.streams.query.service.Streamed;
import io.orderflow.streams.query.state.ConsistencyToken;
import io.orderflow.streams.query.state.Lookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * When and on which thread a query service's answer is written: a keyed answer on the request's thread when it is
 * at hand, else once it is; a list once the write of the request's token is read, JSON on the streaming threads and
 * an export on the request's. What the answer means in HTTP is {@link Outcomes}'; files are {@link Exports}'.
 */
public final class Answers {

    private final Executor streaming;
    private final int pageSize;
    private final Processed processed;

    /**
     * {@code streaming} writes lists: reading page after page from peers blocks, so never on a
     * request or client thread. {@code pageSize}: rows asked of each partition at a time.
     */
    public Answers(Executor streaming, int pageSize, Processed processed) {
        this.streaming = streaming;
        this.pageSize = pageSize;
        this.processed = processed;
    }

    /**
     * Read your writes beyond one key: {@code answer} once {@code store} reflects the write of the
     * request's consistency token ({@code ?after=} or {@value Params#CONSISTENCY}), waiting at most
     * {@code timeout=}; not ready when it does not in time. Peers are then asked without the token: they
     * do not wait again.
     */
    <T> CompletableFuture<Lookup<T>> afterWrite(Context ctx, String store, Supplier<CompletableFuture<Lookup<T>>> answer) {
        Optional<ConsistencyToken> after = Params.after(ctx);
        if (after.isEmpty()) {
            return answer.get();
        }
        return processed.past(after, store, Params.timeout(ctx))
                .thenCompose(done -> done instanceof Lookup.Found<Void>
                        ? answer.get() : CompletableFuture.completedFuture(done.<T>retype()));
    }

    /**
     * A keyed answer; {@code body} maps the found value. Answered on the request's own thread when the value was
     * read here at once and its body needs nothing more (the common case: a local lookup), because Jetty's async
     * dispatch cost more than the lookup itself (BENCHMARKS.md, figure 4). Everything else (a peer to ask, a write
     * to wait for) runs as before, started inside {@code ctx.future}, so that no other thread writes to the
     * response before Javalin has taken it over.
     */
    public static <T> void keyed(Context ctx, CompletableFuture<Lookup<T>> lookup, String what,
                                 Function<T, CompletableFuture<?>> body) {
        if (lookup.isDone() && !lookup.isCompletedExceptionally()
                && lookup.join() instanceof Lookup.Found<T> found) {
            CompletableFuture<?> value = found(ctx, found, body);
            if (value.isDone()) {
                ctx.json(joined(value));
            } else {
                ctx.future(() -> value.thenAccept(ctx::json));
            }
            return;
        }
        ctx.future(() -> lookup.thenCompose(answer -> {
            if (answer instanceof Lookup.Found<T> found) {
                return found(ctx, found, body).thenAccept(ctx::json);
            }
            Outcomes.value(answer, what);
            throw new QueryException.Unavailable("cannot answer here", java.time.Duration.ofSeconds(1));
        }));
    }

    /** The body of a found value, saying how stale it is when a standby answered. */
    private static <T> CompletableFuture<?> found(Context ctx, Lookup.Found<T> found, Function<T, CompletableFuture<?>> body) {
        Outcomes.standbyLag(ctx, found.lag());
        return body.apply(found.value());
    }

    /** A completed future's value; its failure thrown as itself, for the error mapper. */
    private static Object joined(CompletableFuture<?> done) {
        try {
            return done.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /** Rows asked of each partition at a time when a list is streamed. */
    int pageSize() {
        return pageSize;
    }

    /** A whole list or report: JSON (every row, {@code {items}}), else CSV or XLSX written row by row. */
    <T> void list(Context ctx, CompletableFuture<Lookup<Streamed<T>>> streamed, String name, List<Column<T>> columns) {
        Format format = Exports.format(ctx);
        respond(ctx, format, streamed, answer -> {
            Streamed<T> rows = Outcomes.value(answer, name);
            Outcomes.standbyLag(ctx, rows.standbyLag());
            if (format == Format.JSON) {
                List<T> items = new ArrayList<>();
                rows.forEachRemaining(items::add);
                ctx.json(ListBody.of(items));
            } else {
                Exports.write(ctx, format, name, columns, rows);
            }
        });
    }

    /**
     * Answers once {@code ready} completes. JSON asynchronously, written on the streaming executor
     * (reading a partition's next page blocks). An export on the request's own thread, as a
     * servlet download does: it may run far longer than the async timeout, and a client reading
     * slowly holds back the writer either way.
     */
    <T> void respond(Context ctx, Format format, CompletableFuture<T> ready, Consumer<T> answer) {
        if (format == Format.JSON) {
            ctx.future(() -> ready.thenAcceptAsync(answer, streaming));
            return;
        }
        answer.accept(ready.join());
    }
}
