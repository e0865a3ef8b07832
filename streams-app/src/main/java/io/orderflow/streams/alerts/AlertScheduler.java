package io.orderflow.streams.alerts;

import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.streams.order.OrderChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Schedules, per order, the alerts its state has due (a due entry per alert, in due-time order), raises them from
 * a wall-clock punctuation that scans only the due part of the due index, and clears them when a new state of the
 * order no longer has them due at the same time. What is scheduled is a pure function of the state, so nothing
 * else is kept: a change takes back the entries its state before had due, a raise checks the order's current
 * state, and a change that schedules what is scheduled already (a payment, say) writes nothing (issue 21).
 */
final class AlertScheduler implements Processor<String, OrderChange, String, Alert> {

    /** Metric (scope {@code alerts}, tag {@code alerts-id} = task id): due-index entries read by punctuations. */
    static final String VISITED_METRIC = "due-entries-visited";

    private final AlertSettings settings;
    private final AlertRules rules;
    private final String statesStore;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, OrderState> states;
    private KeyValueStore<String, String> dueIndex;
    private KeyValueStore<String, Alert> active;
    private Sensor visited;

    AlertScheduler(AlertSettings settings, String statesStore) {
        this.settings = settings;
        this.rules = new AlertRules(settings);
        this.statesStore = statesStore;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(statesStore);
        this.dueIndex = context.getStateStore(AlertTopology.DUE_STORE);
        this.active = context.getStateStore(AlertTopology.ACTIVE_STORE);
        this.visited = context.metrics().addRateTotalSensor(
                "alerts", context.taskId().toString(), VISITED_METRIC, Sensor.RecordingLevel.INFO);
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::raiseDue);
    }

    @Override
    public void process(Record<String, OrderChange> record) {
        String orderId = record.key();
        if (orderId == null || record.value() == null) {
            return;
        }
        OrderState order = record.value().after();
        long now = context.currentSystemTimeMs();
        Map<AlertType, Long> wanted = order == null ? Map.of() : rules.dueTimes(order);
        OrderState previous = record.value().before();
        Map<AlertType, Long> before = previous == null ? Map.of() : rules.dueTimes(previous);

        before.forEach((type, dueAt) -> {
            if (!Objects.equals(wanted.get(type), dueAt)) {
                deleteIfPresent(new DueKey(dueAt, orderId, type).encode());
            }
        });
        for (AlertType type : List.of(AlertType.OVERDUE_DELIVERY, AlertType.STALLED)) {
            String alertId = AlertRules.alertId(type, orderId);
            Alert raised = active.get(alertId);
            if (raised != null && !Objects.equals(wanted.get(type), raised.getDueAt().toEpochMilli())) {
                active.delete(alertId);
                context.forward(new Record<>(alertId, cleared(raised, order, now), now));
            }
        }
        wanted.forEach((type, dueAt) -> {
            boolean alreadyScheduledOrRaised = Objects.equals(before.get(type), dueAt);
            if (!alreadyScheduledOrRaised) {
                dueIndex.put(new DueKey(dueAt, orderId, type).encode(), orderId);
            }
        });
    }

    /**
     * Deletes a due entry that is still there: once raised it was deleted already, and a second delete
     * would only write one more tombstone to the changelog.
     */
    private void deleteIfPresent(String dueKey) {
        if (dueIndex.get(dueKey) != null) {
            dueIndex.delete(dueKey);
        }
    }

    /**
     * Raises the alerts due by {@code now}, earliest first and at most the configured number: reads the
     * due index from its start up to now, nothing beyond.
     */
    private void raiseDue(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = dueIndex.range(DueKey.FIRST, DueKey.lastDueBy(now))) {
            while (it.hasNext() && due.size() < settings.maxAlertsPerPunctuation()) {
                KeyValue<String, String> next = it.next();
                visited.record();
                due.add(next.key);
            }
        }
        for (String key : due) {
            dueIndex.delete(key);
            DueKey entry = DueKey.decode(key);
            OrderState order = states.get(entry.orderId());
            if (order == null || !Objects.equals(rules.dueTimes(order).get(entry.type()), entry.dueAt())) {
                continue; // taken back by a later state; the index entry was stale
            }
            String alertId = AlertRules.alertId(entry.type(), entry.orderId());
            Alert alert = Alert.newBuilder()
                    .setAlertId(alertId)
                    .setType(entry.type())
                    .setState(AlertState.RAISED)
                    .setOrderId(entry.orderId())
                    .setOrderStatus(order.getStatus())
                    .setMessage(rules.message(entry.type(), order, entry.dueAt()))
                    .setDueAt(Instant.ofEpochMilli(entry.dueAt()))
                    .setAt(Instant.ofEpochMilli(now))
                    .build();
            active.put(alertId, alert);
            context.forward(new Record<>(alertId, alert, now));
        }
    }

    private static Alert cleared(Alert raised, OrderState order, long now) {
        OrderStatus status = order == null ? raised.getOrderStatus() : order.getStatus();
        return Alert.newBuilder(raised)
                .setState(AlertState.CLEARED)
                .setOrderStatus(status)
                .setMessage("Cleared: order " + raised.getOrderId() + " is now " + status)
                .setAt(Instant.ofEpochMilli(now))
                .build();
    }
}
