package io.orderflow.demo;

import java.util.List;
import java.util.Random;

/**
 * Where one order is in its planned life: the steps, the current one, the request built for it (kept, so that a
 * retry sends the same bytes and Idempotency-Key), and how long it has waited. One task at a time touches it:
 * each step schedules the next.
 */
final class OrderLifecycle {

    final OrderPlan plan;
    final Random random;
    private final List<Step> steps;
    private int index;
    String orderId;
    Call call;
    int waits;
    int attempts;
    boolean expedited;

    OrderLifecycle(OrderPlan plan, List<Step> steps, Random random) {
        this.plan = plan;
        this.steps = steps;
        this.random = random;
    }

    Step current() {
        return index < steps.size() ? steps.get(index) : null;
    }

    void next() {
        index++;
        call = null;
        waits = 0;
        attempts = 0;
    }

    /** For logs: the order id once known, else the plan's number. Never customer data. */
    String name() {
        return orderId != null ? orderId : "#" + plan.number();
    }
}
