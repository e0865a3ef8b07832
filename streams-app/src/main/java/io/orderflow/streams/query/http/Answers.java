package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.export.Column;
import io.orderflow.streams.query.export.CsvWriter;
import io.orderflow.streams.query.export.Format;
import io.orderflow.streams.query.export.XlsxWriter;
import io.orderflow.streams.query.service.QueryException;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.service.Ordering;
import io.orderflow.streams.query.service.Processed;
import io.orderflow.streams.query.state.Read;
import io.orderflow.streams.query.service.Streamed;
import io.orderflow.streams.query.state.Page;
import io.orderflow.streams.query.state.Peers;
import io.orderflow.streams.query.state.Slice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * How a query service's answer becomes HTTP: found 200 (with {@value Peers#STANDBY_LAG} when a
 * standby answered), elsewhere proxied to the owner (or, when the owner is gone, to a standby),
 * not found 404, not ready 503 with Retry-After; lists as JSON, CSV or XLSX; a peer's call
 * answered with this instance's slices.
 */
public final class Answers {

    static final String CONSISTENCY = "X-Orderflow-Consistency";

    private final Peers peers;
    private final Executor streaming;
    private final int pageSize;
    private final Processed processed;

    /**
     * {@code streaming} writes lists: reading page after page from peers blocks, so never on a
     * request or client thread. {@code pageSize}: rows asked of each partition at a time.
     */
    public Answers(Peers peers, Executor streaming, int pageSize, Processed processed) {
        this.peers = peers;
        this.streaming = streaming;
        this.pageSize = pageSize;
        this.processed = processed;
    }

    /**
     * Read your writes beyond one key: {@code answer} once {@code store} reflects the write of the
     * request's consistency token ({@code ?after=} or {@value #CONSISTENCY}), waiting at most
     * {@code timeout=}; not ready when it does not in time. A peer's call does not wait again.
     */
    <T> CompletableFuture<Lookup<T>> afterWrite(Context ctx, String store, Supplier<CompletableFuture<Lookup<T>>> answer) {
        Read read = Params.read(ctx);
        if (local(ctx) || read.after().isEmpty()) {
            return answer.get();
        }
        return processed.past(read.after(), store, Params.timeout(ctx))
                .thenCompose(done -> done instanceof Lookup.Found<Void>
                        ? answer.get() : CompletableFuture.completedFuture(done.<T>retype()));
    }

    /**
     * The request as peers get it: same path and query, same credentials and consistency token. The query is
     * written again from its parameters as read here, so that one a client sent malformed ({@code ?a=%zz}) is
     * passed on well-formed; a path that is no URI path is a 400.
     */
    static Peers.Forward forward(Context ctx) {
        Map<String, String> headers = new HashMap<>();
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        String token = ctx.header(CONSISTENCY);
        if (token != null) {
            headers.put(CONSISTENCY, token);
        }
        String query = ctx.queryParamMap().entrySet().stream()
                .flatMap(parameter -> parameter.getValue().stream().map(value -> encode(parameter.getKey()) + "=" + encode(value)))
                .collect(Collectors.joining("&"));
        try {
            java.net.URI.create("http://peer" + ctx.path());
        } catch (IllegalArgumentException e) {
            throw new QueryException.Invalid("path", "not a URI path");
        }
        return new Peers.Forward(ctx.path() + (query.isEmpty() ? "" : "?" + query), Map.copyOf(headers));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Whether this is a peer's call, to be answered from this instance's state only. */
    static boolean local(Context ctx) {
        return "1".equals(ctx.header(Peers.LOCAL));
    }

    static boolean standbyAllowed(Context ctx) {
        return "1".equals(ctx.header(Peers.STANDBY));
    }

    /**
     * The page a peer's call asks for ({@value Peers#PAGE_SIZE} and the others), or every item when it asks for
     * none. Checked even from a peer: a size of 1 to {@value #MAX_PAGE_SIZE}, partitions that are partition
     * numbers, a position this API gave out; else a 400 naming the header.
     */
    static <T> Page<T> page(Context ctx, Ordering<T> ordering) {
        String size = ctx.header(Peers.PAGE_SIZE);
        if (size == null) {
            return Page.whole();
        }
        return new Page<>(partitions(ctx.header(Peers.PAGE_PARTITIONS)), after(ctx.header(Peers.PAGE_AFTER), ordering),
                ordering.comparator(), pageSize(size));
    }

    /** The most rows a peer may ask of a partition at once (peers ask {@link io.orderflow.streams.query.service.FanOut#PAGE_SIZE}). */
    static final int MAX_PAGE_SIZE = 10_000;

    private static int pageSize(String size) {
        try {
            int rows = Integer.parseInt(size.trim());
            if (rows >= 1 && rows <= MAX_PAGE_SIZE) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new QueryException.Invalid(Peers.PAGE_SIZE, "a whole number from 1 to " + MAX_PAGE_SIZE);
    }

    private static Set<Integer> partitions(String partitions) {
        if (partitions == null || partitions.isBlank()) {
            return Set.of();
        }
        try {
            Set<Integer> only = Arrays.stream(partitions.split(",")).map(String::trim).map(Integer::valueOf)
                    .collect(Collectors.toUnmodifiableSet());
            if (only.stream().allMatch(p -> p >= 0)) {
                return only;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new QueryException.Invalid(Peers.PAGE_PARTITIONS, "partition numbers separated by commas");
    }

    private static <T> java.util.function.Predicate<T> after(String after, Ordering<T> ordering) {
        if (after == null) {
            return row -> true;
        }
        try {
            return ordering.after(after);
        } catch (QueryException.Invalid e) {
            throw new QueryException.Invalid(Peers.PAGE_AFTER, "not a position this API gave out");
        }
    }

    /** A peer's call for a list: this instance's slices, as they are. */
    static <T> void slices(Context ctx, Lookup<List<Slice<T>>> here) {
        ctx.json(value(here, "slices"));
    }

    /**
     * A keyed answer; {@code body} maps the found value. Answered on the request's own thread when the value was
     * read here at once and its body needs nothing more (the common case: a local lookup), because Jetty's async
     * dispatch cost more than the lookup itself (BENCHMARKS.md, figure 4). Everything else (a peer to ask, a write
     * to wait for) runs as before, started inside {@code ctx.future}, so that no other thread writes to the
     * response before Javalin has taken it over.
     */
    <T> void keyed(Context ctx, CompletableFuture<Lookup<T>> lookup, String what, Function<T, CompletableFuture<?>> body) {
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
            if (answer instanceof Lookup.Elsewhere<T> elsewhere && !local(ctx)) {
                return proxy(ctx, elsewhere);
            }
            value(answer, what);
            throw new QueryException.Unavailable("cannot answer here", java.time.Duration.ofSeconds(1));
        }));
    }

    /** The body of a found value, saying how stale it is when a standby answered. */
    private static <T> CompletableFuture<?> found(Context ctx, Lookup.Found<T> found, Function<T, CompletableFuture<?>> body) {
        if (found.lag() != 0) {
            ctx.header(Peers.STANDBY_LAG, Long.toString(found.lag()));
        }
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

    /** Asks the owner; when it is gone, its standbys in turn; relays the first that answers. */
    private CompletableFuture<Void> proxy(Context ctx, Lookup.Elsewhere<?> owner) {
        Peers.Forward forward = forward(ctx).with(Peers.LOCAL, "1");
        CompletableFuture<Peers.Answer> answer = peers.get(owner.active(), forward.pathAndQuery(), forward.headers());
        for (HostInfo standby : owner.standbys()) {
            Peers.Forward toStandby = forward.with(Peers.STANDBY, "1");
            answer = answer.handle((a, failure) -> failure == null && a.status() != 503 ? CompletableFuture.completedFuture(a)
                            : peers.get(standby, toStandby.pathAndQuery(), toStandby.headers()))
                    .thenCompose(Function.identity());
        }
        return answer.handle((a, failure) -> {
            if (failure != null) {
                throw new QueryException.Unavailable("the instance that owns this key is not reachable; retry",
                        java.time.Duration.ofSeconds(1));
            }
            ctx.status(a.status());
            a.headers().forEach(ctx::header);
            ctx.result(a.body());
            return null;
        });
    }

    /** Rows asked of each partition at a time when a list is streamed. */
    int pageSize() {
        return pageSize;
    }

    /** A whole list or report: JSON (every row, {@code {items}}), else CSV or XLSX written row by row. */
    <T> void list(Context ctx, CompletableFuture<Lookup<Streamed<T>>> streamed, String name, List<Column<T>> columns) {
        Format format = format(ctx);
        respond(ctx, format, streamed, answer -> {
            Streamed<T> rows = value(answer, name);
            standbyLag(ctx, rows.standbyLag());
            if (format == Format.JSON) {
                List<T> items = new ArrayList<>();
                rows.forEachRemaining(items::add);
                ctx.json(ListBody.of(items));
            } else {
                export(ctx, format, name, columns, rows);
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

    /** Says how stale an answer is when a standby had to answer for a partition. */
    static void standbyLag(Context ctx, long lag) {
        if (lag != 0) {
            ctx.header(Peers.STANDBY_LAG, Long.toString(lag));
        }
    }

    static <T> void export(Context ctx, Format format, String name, List<Column<T>> columns, Iterator<T> rows) {
        ctx.contentType(format.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"");
        try {
            if (format == Format.CSV) {
                CsvWriter.write(ctx.outputStream(), columns, rows);
            } else {
                XlsxWriter.write(ctx.outputStream(), name, columns, rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Format format(Context ctx) {
        Format format = Format.of(ctx.queryParam("format"), ctx.header("Accept"));
        if (format == null) {
            throw new QueryException.Invalid("format", "one of json, csv, xlsx");
        }
        return format;
    }

    /** The value of a found answer; the others thrown as what they mean. */
    static <T> T value(Lookup<T> answer, String what) {
        if (answer instanceof Lookup.Found<T> found) {
            return found.value();
        }
        if (answer instanceof Lookup.NotFound<T>) {
            throw new QueryException.NotFound("no such " + what);
        }
        if (answer instanceof Lookup.NotReady<T> notReady) {
            throw new QueryException.Unavailable(notReady.reason(), notReady.retryAfter());
        }
        throw new QueryException.Unavailable("the owner of this " + what + " is another instance", java.time.Duration.ofSeconds(1));
    }
}
