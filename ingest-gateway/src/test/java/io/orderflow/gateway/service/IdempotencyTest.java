package io.orderflow.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orderflow.gateway.TestGateway;
import io.orderflow.gateway.api.Accepted;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

    private final TestGateway.MemoryAnswerLog answers = new TestGateway.MemoryAnswerLog();
    private final Idempotency idempotency = new Idempotency(answers, () -> true);
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void shouldRunARetryRacingTheFirstRequestOnceAndGiveBothTheSameAnswer() throws Exception {
        CompletableFuture<Accepted> kafka = new CompletableFuture<>();
        var first = idempotency.once("key:a:1", "h", commandId -> {
            runs.incrementAndGet();
            return kafka;
        });
        var retry = idempotency.once("key:a:1", "h", commandId -> {
            runs.incrementAndGet();
            return kafka;
        });
        assertThat(first).isNotDone();
        assertThat(retry).isNotDone();

        kafka.complete(Accepted.order("o-1", "c-1", "order-commands:0:7", "loc"));

        assertThat(runs).hasValue(1);
        assertThat(first.get().answer()).isEqualTo(retry.get().answer());
        assertThat(first.get().replayed()).isFalse();
        assertThat(retry.get().replayed()).isTrue();
        assertThat(answers.saved).containsKey("key:a:1");
    }

    @Test
    void shouldLetARetryTryAgainWhenTheFirstAttemptFailed() throws Exception {
        var failed = idempotency.once("key:a:2", "h", commandId -> CompletableFuture.failedFuture(
                new GatewayException.Unavailable("down", 5, null)));
        assertThrows(ExecutionException.class, failed::get);

        var retry = idempotency.once("key:a:2", "h",
                commandId -> CompletableFuture.completedFuture(Accepted.order("o", commandId, "t:0:1", "l")));

        assertThat(retry.get().replayed()).isFalse();
        assertThat(answers.saved).containsKey("key:a:2");
    }

    @Test
    void shouldDeriveTheSameCommandIdFromTheSameKey() {
        assertThat(Idempotency.commandId("key:a:3")).isEqualTo(Idempotency.commandId("key:a:3"))
                .isNotEqualTo(Idempotency.commandId("key:a:4"));
    }

    @Test
    void shouldRefuseKeyedRequestsUntilEarlierAnswersAreReadBack() {
        Idempotency starting = new Idempotency(answers, () -> false);

        var refused = starting.once("key:a:5", "h", commandId -> {
            runs.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });

        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        assertThat(e.getCause()).isInstanceOf(GatewayException.Unavailable.class);
        assertThat(runs).hasValue(0);
    }
}
