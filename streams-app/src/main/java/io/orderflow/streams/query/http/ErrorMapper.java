package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.orderflow.api.ErrorResponse;
import io.orderflow.api.Problem;
import io.orderflow.streams.query.service.QueryException;
import io.orderflow.streams.query.state.ConsistencyToken;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to the gateway's one {@link ErrorResponse}: client mistakes 4xx, state not
 * answerable now 503 with Retry-After, a bug 500 (logged with its stack trace).
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static void query(QueryException e, Context ctx) {
        int status;
        if (e instanceof QueryException.Invalid) {
            status = 400;
        } else if (e instanceof QueryException.Unauthenticated) {
            ctx.header("WWW-Authenticate", "Bearer");
            status = 401;
        } else if (e instanceof QueryException.Forbidden) {
            status = 403;
        } else if (e instanceof QueryException.NotFound) {
            status = 404;
        } else {
            ctx.header("Retry-After", Long.toString(((QueryException.Unavailable) e).retryAfterSeconds()));
            status = 503;
        }
        write(ctx, status, e.getMessage(), e.problems());
    }

    /** Javalin's own answers: 404, 405 and the like. */
    public static void http(HttpResponseException e, Context ctx) {
        write(ctx, e.getStatus(), e.getMessage(), List.of());
    }

    /** Failures of an asynchronous answer arrive wrapped. */
    public static void wrapped(Exception e, Context ctx) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof QueryException q) {
            query(q, ctx);
        } else if (cause instanceof ConsistencyToken.NoSuchPartition n) {
            token(n, ctx);
        } else if (cause instanceof HttpResponseException h) {
            http(h, ctx);
        } else {
            unexpected(cause instanceof Exception ex ? ex : e, ctx);
        }
    }

    /** A consistency token no write can ever satisfy: the client's mistake, named where it sent it. */
    public static void token(ConsistencyToken.NoSuchPartition e, Context ctx) {
        write(ctx, 400, "the request is invalid", List.of(new Problem(Params.tokenParameter(ctx), e.getMessage())));
    }

    public static void unexpected(Exception e, Context ctx) {
        log.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
        write(ctx, 500, "internal error", List.of());
    }

    /** Error statuses set without an exception, e.g. no route matched. */
    public static void status(Context ctx) {
        String result = ctx.result();
        if (result == null || result.isEmpty()) {
            int status = ctx.statusCode();
            write(ctx, status, status == 404 ? "no such resource" : HttpStatus.forStatus(status).getMessage(), List.of());
        }
    }

    private static void write(Context ctx, int status, String message, List<Problem> problems) {
        ctx.status(status).json(new ErrorResponse(status, HttpStatus.forStatus(status).getMessage(), message, problems));
    }
}
