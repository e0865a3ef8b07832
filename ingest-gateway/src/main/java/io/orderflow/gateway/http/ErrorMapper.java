package io.orderflow.gateway.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.orderflow.api.ApiException;
import io.orderflow.api.Errors;
import java.util.List;
import org.eclipse.jetty.http.HttpException;

/**
 * The gateway's part of the one error mapping ({@link Errors}): what only a gateway is sent. A body over the limit
 * (413) and a body Jetty could not read (bad chunking, a broken multipart form) close the connection, since the
 * rest of such a body is never read; the latter is the client's doing, a 4xx, not a 500.
 */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    /** Javalin's own answers: 404, 405, 413, 415 and the like. */
    public static void http(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 413) {
            ctx.header("Connection", "close");
        }
        Errors.http(e, ctx);
    }

    /** Failures of an asynchronous answer arrive wrapped. */
    public static void wrapped(Exception e, Context ctx) {
        Throwable cause = Errors.unwrap(e);
        if (cause instanceof ApiException api) {
            Errors.api(api, ctx);
        } else if (cause instanceof HttpResponseException h) {
            http(h, ctx);
        } else {
            unexpected(cause instanceof Exception ex ? ex : e, ctx);
        }
    }

    public static void unexpected(Exception e, Context ctx) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                ctx.header("Connection", "close");
                Errors.write(ctx, http.getCode(), "the request is malformed", List.of());
                return;
            }
        }
        Errors.unexpected(e, ctx);
    }
}
