package io.orderflow.demo;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** What the generator did: accepted requests per action, refusals, failures, and orders run to their end. */
public final class Tally {

    private final AtomicIntegerArray accepted = new AtomicIntegerArray(Action.values().length);
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();

    void countAccepted(Action action) {
        accepted.incrementAndGet(action.ordinal());
    }

    void countRefused() {
        refused.incrementAndGet();
    }

    void countFailed() {
        failed.incrementAndGet();
    }

    void countFinished() {
        finished.incrementAndGet();
    }

    void countAbandoned() {
        abandoned.incrementAndGet();
    }

    public int accepted(Action action) {
        return accepted.get(action.ordinal());
    }

    public Map<Action, Integer> acceptedByAction() {
        Map<Action, Integer> all = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            if (accepted(a) > 0) {
                all.put(a, accepted(a));
            }
        }
        return all;
    }

    /** Requests answered 4xx (other than a replay): logged and skipped. */
    public int refused() {
        return refused.get();
    }

    /** Requests with no answer or a 5xx even after retries. */
    public int failed() {
        return failed.get();
    }

    /** Orders whose every planned step was accepted. */
    public int finished() {
        return finished.get();
    }

    /** Orders given up: a step refused or failed, or the order never reached the status a step needs. */
    public int abandoned() {
        return abandoned.get();
    }

    public String summary() {
        return "placed " + accepted(Action.PLACE) + ", approved " + accepted(Action.APPROVE)
                + ", shipments " + accepted(Action.SHIP) + ", SF scans " + accepted(Action.TRACKING_SCAN)
                + ", delivered by hand " + accepted(Action.DELIVER) + ", paid " + accepted(Action.PAY)
                + ", completed " + accepted(Action.COMPLETE) + ", cancelled " + accepted(Action.APPROVE_CANCEL)
                + ", returns " + accepted(Action.REQUEST_RETURN) + ", stock receipts " + accepted(Action.RECEIPT)
                + "; orders done " + finished() + ", given up " + abandoned()
                + ", refused " + refused() + ", failed " + failed();
    }
}
