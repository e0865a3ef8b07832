package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.orderflow.api.ApiException;
import io.orderflow.api.Errors;
import io.orderflow.api.Problem;
import io.orderflow.streams.query.state.ConsistencyToken;
import java.util.List;

/**
 * The query API's part of the one error mapping ({@link Errors}): a consistency token no write can ever satisfy,
 * which only the query API is sent.
 */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    /** Failures of an asynchronous answer arrive wrapped. */
    public static void wrapped(Exception e, Context ctx) {
        Throwable cause = Errors.unwrap(e);
        if (cause instanceof ApiException api) {
            Errors.api(api, ctx);
        } else if (cause instanceof ConsistencyToken.NoSuchPartition n) {
            token(n, ctx);
        } else if (cause instanceof HttpResponseException h) {
            Errors.http(h, ctx);
        } else {
            Errors.unexpected(cause instanceof Exception ex ? ex : e, ctx);
        }
    }

    /** A consistency token no write can ever satisfy: the client's mistake, named where it sent it. */
    public static void token(ConsistencyToken.NoSuchPartition e, Context ctx) {
        Errors.write(ctx, 400, "the request is invalid", List.of(new Problem(Params.tokenParameter(ctx), e.getMessage())));
    }
}
