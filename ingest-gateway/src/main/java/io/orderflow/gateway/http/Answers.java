package io.orderflow.gateway.http;

import io.javalin.http.Context;
import io.orderflow.gateway.api.Accepted;
import io.orderflow.gateway.service.Idempotency;
import java.util.concurrent.CompletableFuture;

/**
 * Answers a write once Kafka has it: {@code 202} with the {@link Accepted} body, the consistency token in
 * {@code X-Orderflow-Consistency}, {@code Location} of the order in the query API, and
 * {@code Idempotent-Replayed: true} when this is the first answer given again. The request thread is not held
 * while Kafka acknowledges.
 */
final class Answers {

    static final String CONSISTENCY_HEADER = "X-Orderflow-Consistency";

    private Answers() {
    }

    static void accepted(Context ctx, CompletableFuture<Idempotency.Outcome> outcome) {
        ctx.future(() -> outcome.thenAccept(o -> {
            Accepted answer = o.answer();
            ctx.status(202);
            if (answer.location() != null) {
                ctx.header("Location", answer.location());
            }
            ctx.header(CONSISTENCY_HEADER, answer.consistencyToken());
            if (o.replayed()) {
                ctx.header("Idempotent-Replayed", "true");
            }
            ctx.json(answer);
        }));
    }
}
