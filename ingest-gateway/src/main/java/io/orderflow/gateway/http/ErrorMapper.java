package io.orderflow.gateway.http;

import io.orderflow.api.ErrorResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.eclipse.jetty.http.HttpException;
import io.orderflow.gateway.service.GatewayException;
import io.orderflow.api.Problem;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to one {@link ErrorResponse}. Client mistakes are 4xx; Kafka being unavailable is 503 with
 * Retry-After; only a bug in the gateway is a 500 (logged with its stack trace, never with the request body).
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static void gateway(GatewayException e, Context ctx) {
        if (e instanceof GatewayException.Invalid) {
            write(ctx, 400, e.getMessage(), e.problems());
        } else if (e instanceof GatewayException.Unauthenticated) {
            ctx.header("WWW-Authenticate", "Bearer");
            write(ctx, 401, e.getMessage(), e.problems());
        } else if (e instanceof GatewayException.Forbidden) {
            write(ctx, 403, e.getMessage(), e.problems());
        } else if (e instanceof GatewayException.NotFound) {
            write(ctx, 404, e.getMessage(), e.problems());
        } else if (e instanceof GatewayException.Conflict) {
            write(ctx, 409, e.getMessage(), e.problems());
        } else if (e instanceof GatewayException.TooLarge) {
            write(ctx, 413, e.getMessage(), e.problems());
        } else if (e instanceof GatewayException.Unavailable u) {
            ctx.header("Retry-After", Integer.toString(u.retryAfterSeconds()));
            write(ctx, 503, e.getMessage(), e.problems());
        }
    }

    /** Javalin's own answers: 404, 405, 413, 415 and the like. */
    public static void http(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 413) {
            ctx.header("Connection", "close");
        }
        write(ctx, e.getStatus(), e.getMessage(), List.of());
    }

    /** Failures of an asynchronous answer arrive wrapped. */
    public static void wrapped(Exception e, Context ctx) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof GatewayException g) {
            gateway(g, ctx);
        } else if (cause instanceof HttpResponseException h) {
            http(h, ctx);
        } else {
            unexpected(cause instanceof Exception ex ? ex : e, ctx);
        }
    }

    public static void unexpected(Exception e, Context ctx) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // Jetty's verdict on a malformed request (bad chunking, a broken multipart form): the client's doing.
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                ctx.header("Connection", "close");
                write(ctx, http.getCode(), "the request is malformed", List.of());
                return;
            }
        }
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
        HttpStatus known = HttpStatus.forStatus(status);
        ctx.status(status).json(new ErrorResponse(status, known.getMessage(), message, problems));
    }
}
