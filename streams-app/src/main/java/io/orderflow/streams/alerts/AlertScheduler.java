package io.orderflow.streams.alerts;

import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Keeps, per order, the alerts it will raise and when; raises them from a wall-clock punctuation that
 * scans only the due part of the due index; clears them when a new state of the order no longer
 * has them due at the same time. A store is written only when its content changes (issue 21): a new
 * state of the order that schedules what is scheduled already (a payment, say) writes nothing.
 */
final class AlertScheduler implements Processor<String, OrderState, String, Alert> {

    /** Metric (scope {@code alerts}, tag {@code alerts-id} = task id): due-index entries read by punctuations. */
    static final String VISITED_METRIC = "due-entries-visited";

    private final AlertSettings settings;
    private final AlertRules rules;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, ScheduledAlerts> schedule;
    private KeyValueStore<String, String> dueIndex;
    private KeyValueStore<String, Alert> active;
    private Sensor visited;

    AlertScheduler(AlertSettings settings) {
        this.settings = settings;
        this.rules = new AlertRules(settings);
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.schedule = context.getStateStore(AlertTopology.SCHEDULE_STORE);
        this.dueIndex = context.getStateStore(AlertTopology.DUE_STORE);
        this.active = context.getStateStore(AlertTopology.ACTIVE_STORE);
        this.visited = context.metrics().addRateTotalSensor(
                "alerts", context.taskId().toString(), VISITED_METRIC, Sensor.RecordingLevel.INFO);
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::raiseDue);
    }

    @Override
    public void process(Record<String, OrderState> record) {
        String orderId = record.key();
        if (orderId == null) {
            return;
        }
        OrderState order = record.value();
        long now = context.currentSystemTimeMs();
        Map<AlertType, Long> wanted = order == null ? Map.of() : rules.dueTimes(order);
        ScheduledAlerts previous = schedule.get(orderId);
        Map<String, ScheduledAlerts.Entry> before = previous == null ? Map.of() : previous.entries();

        for (Map.Entry<String, ScheduledAlerts.Entry> entry : before.entrySet()) {
            AlertType type = AlertType.valueOf(entry.getKey());
            if (!Objects.equals(wanted.get(type), entry.getValue().dueAt())) {
                deleteIfPresent(new DueKey(entry.getValue().dueAt(), orderId, type).encode());
            }
        }
        for (AlertType type : List.of(AlertType.OVERDUE_DELIVERY, AlertType.STALLED)) {
            String alertId = AlertRules.alertId(type, orderId);
            Alert raised = active.get(alertId);
            if (raised != null && !Objects.equals(wanted.get(type), raised.getDueAt().toEpochMilli())) {
                active.delete(alertId);
                context.forward(new Record<>(alertId, cleared(raised, order, now), now));
            }
        }
        if (wanted.isEmpty()) {
            if (previous != null) {
                schedule.delete(orderId);
            }
            return;
        }
        Map<String, ScheduledAlerts.Entry> entries = new HashMap<>();
        for (Map.Entry<AlertType, Long> entry : wanted.entrySet()) {
            AlertType type = entry.getKey();
            long dueAt = entry.getValue();
            ScheduledAlerts.Entry old = before.get(type.name());
            boolean alreadyScheduledOrRaised = old != null && old.dueAt() == dueAt;
            if (!alreadyScheduledOrRaised) {
                dueIndex.put(new DueKey(dueAt, orderId, type).encode(), orderId);
            }
            entries.put(type.name(), new ScheduledAlerts.Entry(dueAt, rules.message(type, order, dueAt)));
        }
        ScheduledAlerts next = new ScheduledAlerts(order.getStatus().name(), entries);
        if (!next.equals(previous)) {
            schedule.put(orderId, next);
        }
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
            ScheduledAlerts scheduled = schedule.get(entry.orderId());
            ScheduledAlerts.Entry detail = scheduled == null ? null : scheduled.entries().get(entry.type().name());
            if (detail == null || detail.dueAt() != entry.dueAt()) {
                continue; // taken back by a later state; the index entry was stale
            }
            String alertId = AlertRules.alertId(entry.type(), entry.orderId());
            Alert alert = Alert.newBuilder()
                    .setAlertId(alertId)
                    .setType(entry.type())
                    .setState(AlertState.RAISED)
                    .setOrderId(entry.orderId())
                    .setOrderStatus(OrderStatus.valueOf(scheduled.status()))
                    .setMessage(detail.message())
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
