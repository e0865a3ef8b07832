package io.orderflow.gateway.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.orderflow.api.ApiException;
import io.orderflow.api.Errors;

/**
 * The gateway's part of the one error mapping ({@link Errors}): what only a gateway is sent. A body over the limit
 * (413) closes the connection, since the rest of such a body is never read (as {@link Errors#unexpected} does for a
 * body Jetty could not read).
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
            Errors.unexpected(cause instanceof Exception ex ? ex : e, ctx);
        }
    }
}
