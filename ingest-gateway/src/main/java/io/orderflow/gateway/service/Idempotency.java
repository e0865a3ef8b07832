package io.orderflow.gateway.service;

import io.orderflow.api.Problem;
import io.orderflow.gateway.api.Accepted;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a keyed request happen once: the first request under a key runs, every later one (a retry, a retry racing
 * the first, a retry after a restart, a retry on another instance) gets the first answer.
 *
 * <p>How: the first answer is kept in memory and saved to the {@link AnswerLog} (a compacted Kafka topic) before
 * the client hears it; at startup, and continuously, every instance reads that log back. A retry racing the first
 * request waits for the first one's answer. The command id is derived from the key ({@link #commandId}), so in the
 * one window this cannot close (the command is written, the process dies before its answer is saved) the retry
 * writes a command with the same id, which the streams app drops as a duplicate.
 */
public final class Idempotency {

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

    private final ConcurrentMap<String, CompletableFuture<StoredAnswer>> answers = new ConcurrentHashMap<>();
    private final AnswerLog answerLog;
    private final BooleanSupplier loaded;

    /** {@code loaded} tells whether the answers saved earlier have been read back; until then keyed requests wait. */
    public Idempotency(AnswerLog answerLog, BooleanSupplier loaded) {
        this.answerLog = answerLog;
        this.loaded = loaded;
    }

    /** The answer to a request, and whether it is the replay of an earlier one. */
    public record Outcome(Accepted answer, boolean replayed) {
    }

    /** The deterministic command id of a keyed request: a retry produces the same one. */
    public static String commandId(String key) {
        return UUID.nameUUIDFromBytes(("orderflow-gateway:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Runs {@code action} unless a request under {@code key} has run (or is running); {@code action} receives the
     * command id to use. {@code requestHash} null accepts any request under the key as a retry.
     */
    public CompletableFuture<Outcome> once(
            String key, String requestHash, Function<String, CompletableFuture<Accepted>> action) {
        if (!loaded.getAsBoolean()) {
            return CompletableFuture.failedFuture(new GatewayException.Unavailable(
                    "the gateway is still reading back earlier answers", 5, null));
        }
        CompletableFuture<StoredAnswer> mine = new CompletableFuture<>();
        CompletableFuture<StoredAnswer> first = answers.putIfAbsent(key, mine);
        if (first != null) {
            return first.thenApply(stored -> replay(key, stored, requestHash));
        }
        CompletableFuture<Accepted> running;
        try {
            running = action.apply(commandId(key));
        } catch (RuntimeException e) {
            forget(key, mine, e);
            return CompletableFuture.failedFuture(e);
        }
        return running
                .thenCompose(accepted -> {
                    StoredAnswer stored = new StoredAnswer(requestHash, accepted);
                    return answerLog.save(key, stored).handle((saved, failure) -> {
                        if (failure != null) {
                            // The command is durable, so the 202 is true; a retry after a restart would write the
                            // same command id again, which the streams app drops.
                            log.warn("Could not save the answer of an idempotent request: {}", failure.toString());
                        }
                        mine.complete(stored);
                        return new Outcome(accepted, false);
                    });
                })
                .whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        forget(key, mine, failure);
                    }
                });
    }

    /** Takes in an answer saved earlier or by another instance. */
    public void remember(String key, StoredAnswer answer) {
        answers.putIfAbsent(key, CompletableFuture.completedFuture(answer));
    }

    /** How many keys are remembered. */
    public int size() {
        return answers.size();
    }

    private void forget(String key, CompletableFuture<StoredAnswer> mine, Throwable failure) {
        answers.remove(key, mine);
        mine.completeExceptionally(failure);
    }

    private static Outcome replay(String key, StoredAnswer stored, String requestHash) {
        if (stored.requestHash() != null && requestHash != null && !stored.requestHash().equals(requestHash)) {
            String field = key.startsWith(Keys.ORDER) ? "orderId" : "Idempotency-Key";
            throw new GatewayException.Conflict("this " + field + " was already used for a different request",
                    List.of(new Problem(field, "was used before with a different request")));
        }
        return new Outcome(stored.answer(), true);
    }
}
