package io.orderflow.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reader that keeps asking one query API instance for known orders while something else happens, and keeps
 * every answer: its status, how long it took and when it came. A transport failure (refused, timed out) is kept
 * as status -1.
 */
final class QueryProbe implements AutoCloseable {

    record Answer(long atNanos, int status, long millis, boolean retryAfter) {
    }

    private final Api api = new Api();
    private final String queryUrl;
    private final List<String> orderIds;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    QueryProbe(String queryUrl, List<String> orderIds) {
        this.queryUrl = queryUrl;
        this.orderIds = List.copyOf(orderIds);
        this.thread = new Thread(this::run, "query-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        int i = 0;
        while (running.get()) {
            String id = orderIds.get(i++ % orderIds.size());
            long start = System.nanoTime();
            try {
                Api.Response response = api.get(queryUrl + "/v1/orders/" + id, Api.ANALYST);
                answers.add(new Answer(start, response.status(), response.millis(),
                        response.header("Retry-After").isPresent()));
            } catch (IOException e) {
                answers.add(new Answer(start, -1, (System.nanoTime() - start) / 1_000_000, false));
            } catch (InterruptedException e) {
                return;
            }
            Poll.pace();
        }
    }

    /** The answers to requests sent between the two instants of {@link System#nanoTime()}. */
    List<Answer> between(long fromNanos, long toNanos) {
        List<Answer> within = new ArrayList<>();
        for (Answer answer : answers) {
            if (answer.atNanos() - fromNanos >= 0 && answer.atNanos() - toNanos <= 0) {
                within.add(answer);
            }
        }
        return within;
    }

    /** The longest stretch, in ms, between {@code fromNanos} and {@code toNanos} without a 200 answer. */
    long longestWithoutAnswerMillis(long fromNanos, long toNanos) {
        long last = fromNanos;
        long longest = 0;
        for (Answer answer : between(fromNanos, toNanos)) {
            if (answer.status() == 200) {
                long done = answer.atNanos() + answer.millis() * 1_000_000;
                longest = Math.max(longest, done - last);
                last = done;
            }
        }
        longest = Math.max(longest, toNanos - last);
        return longest / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
    }
}
