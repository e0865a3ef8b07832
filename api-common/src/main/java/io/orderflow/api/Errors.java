package io.orderflow.api;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure of either app as the one {@link ErrorResponse}: an {@link ApiException} with its status (401 with
 * {@code WWW-Authenticate: Bearer}, 503 with {@code Retry-After}), Javalin's own answers as they are, a failure of
 * an asynchronous answer as what it wraps, and anything else as a 500 that is logged with its stack trace (never
 * with the request's body), except a body Jetty could not read, the client's 4xx. An app maps what is its own (a
 * consistency token, a body over the gateway's limit) before this.
 */
public final class Errors {

    private static final Logger log = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    public static void api(ApiException e, Context ctx) {
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        } else if (e.status() == 503) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        write(ctx, e.status(), e.getMessage(), e.problems());
    }

    /** Javalin's own answers: 404, 405, 413, 415 and the like. */
    public static void http(HttpResponseException e, Context ctx) {
        write(ctx, e.getStatus(), e.getMessage(), List.of());
    }

    /** What a failure of an asynchronous answer wraps (itself if it wraps nothing). */
    public static Throwable unwrap(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * A failure no route mapped. A body Jetty could not read (bad chunking, a broken multipart form, a body cut
     * short) is the client's doing: answered with Jetty's 4xx, the connection closed, since the rest of such a body
     * is never read. Anything else is a bug: logged with its stack trace, answered 500 without a word about it.
     */
    public static void unexpected(Exception e, Context ctx) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException jetty && jetty.getCode() >= 400 && jetty.getCode() < 500) {
                ctx.header("Connection", "close");
                write(ctx, jetty.getCode(), "the request is malformed", List.of());
                return;
            }
        }
        log.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
        write(ctx, 500, "internal error", List.of());
    }

    /** Error statuses set without an exception, e.g. no route matched; an answer already written stays. */
    public static void status(Context ctx) {
        String result = ctx.result();
        if (result == null || result.isEmpty()) {
            int status = ctx.statusCode();
            write(ctx, status, status == 404 ? "no such resource" : HttpStatus.forStatus(status).getMessage(), List.of());
        }
    }

    /** The one shape, with the status's standard reason as its {@code error}. */
    public static void write(Context ctx, int status, String message, List<Problem> problems) {
        ctx.status(status).json(new ErrorResponse(status, HttpStatus.forStatus(status).getMessage(), message, problems));
    }
}
