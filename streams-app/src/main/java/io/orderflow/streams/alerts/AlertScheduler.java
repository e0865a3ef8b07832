package io.orderflow.streams.alerts;

import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.streams.order.OrderChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Schedules, per order, the alerts its state has due, raises them from a wall-clock punctuation that scans only the
 * due part of the due index, and clears them when a new state of the order no longer has them due at the same
 * time. What is scheduled is a pure function of the state, so nothing else is kept: the index holds, for every
 * order with an alert to come, an entry at or before its next one, and an entry that falls due looks at the
 * order's current state, raises what is due by then and puts the order's next entry.
 *
 * <p>So a change writes the index only when it brings the order's next alert forward. One that puts it later or
 * leaves none (an approval, a shipment, a delivery) writes nothing: the earlier entry finds that out when it falls
 * due and moves on or goes. An order that is done before its first alert falls due costs the index one entry and
 * its tombstone, whatever its changes; taking entries back on every change cost two writes per change.
 *
 * <p>The index is never written to Kafka (it cost half a log offset per command, the placement's entry): it
 * follows from the order states and the active alerts of the same task, so {@link #init} builds it again from them
 * whenever the task starts, restored or revived, after dropping whatever the local store held (entries of changes
 * that a revived task rolled back, or of orders gone since). It stays on disk, in RocksDB, not in the heap.
 */
final class AlertScheduler implements Processor<String, OrderChange, String, Alert> {

    /** Metric (scope {@code alerts}, tag {@code alerts-id} = task id): due-index entries read by punctuations. */
    static final String VISITED_METRIC = "due-entries-visited";
    /** The alerts an order's state schedules, in the order they are raised when due at once. */
    private static final List<AlertType> ORDER_ALERTS =
            List.of(AlertType.OVERDUE_DELIVERY, AlertType.STALLED, AlertType.PAYMENT_OVERDUE);

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
        indexFromStates();
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::raiseDue);
    }

    /**
     * Puts every order's one entry in the index, as its state and its raised alerts have it, in place of what the
     * local store held: one pass over the active alerts (few) and one over the task's order states. Run when the
     * task starts, its stores restored.
     */
    private void indexFromStates() {
        List<String> stale = new ArrayList<>();
        do {
            stale.clear();
            try (KeyValueIterator<String, String> all = dueIndex.all()) {
                while (all.hasNext() && stale.size() < 10_000) {
                    stale.add(all.next().key);
                }
            }
            stale.forEach(dueIndex::delete);
        } while (!stale.isEmpty());
        Map<String, Map<AlertType, Alert>> raisedByOrder = new HashMap<>();
        try (KeyValueIterator<String, Alert> all = active.all()) {
            while (all.hasNext()) {
                Alert alert = all.next().value;
                if (alert != null && alert.getOrderId() != null && ORDER_ALERTS.contains(alert.getType())) {
                    raisedByOrder.computeIfAbsent(alert.getOrderId(), id -> new EnumMap<>(AlertType.class))
                            .put(alert.getType(), alert);
                }
            }
        }
        try (KeyValueIterator<String, OrderState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, OrderState> order = all.next();
                if (order.value == null) {
                    continue;
                }
                Map<AlertType, Long> dueTimes = rules.dueTimes(order.value);
                if (!dueTimes.isEmpty()) {
                    next(order.key, dueTimes, raisedByOrder.getOrDefault(order.key, Map.of()))
                            .ifPresent(entry -> dueIndex.put(entry.encode(), order.key));
                }
            }
        }
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
        Map<AlertType, Alert> raised = raised(orderId);
        // the entry the state before put in the index, with the alerts raised as they were until this change
        Optional<DueKey> indexed = previous == null ? Optional.empty()
                : next(orderId, rules.dueTimes(previous), raised);

        for (Alert alert : List.copyOf(raised.values())) {
            if (!Objects.equals(wanted.get(alert.getType()), alert.getDueAt().toEpochMilli())) {
                active.delete(alert.getAlertId());
                raised.remove(alert.getType());
                context.forward(new Record<>(alert.getAlertId(), cleared(alert, order, now), now));
            }
        }
        Optional<DueKey> due = next(orderId, wanted, raised);
        // the index has an entry at or before the state before's next alert: enough unless this one comes sooner
        if (due.isPresent() && (indexed.isEmpty() || due.get().dueAt() < indexed.get().dueAt())) {
            dueIndex.put(due.get().encode(), orderId);
        }
    }

    /** The order's alerts that hold now (in the active store), by type: read once per change or raise. */
    private Map<AlertType, Alert> raised(String orderId) {
        Map<AlertType, Alert> raised = new EnumMap<>(AlertType.class);
        for (AlertType type : ORDER_ALERTS) {
            Alert alert = active.get(AlertRules.alertId(type, orderId));
            if (alert != null) {
                raised.put(type, alert);
            }
        }
        return raised;
    }

    /**
     * The order's one entry in the due index: of the alerts {@code dueTimes} has due, the earliest not in
     * {@code raised} at that due time. The others follow it once it is raised.
     */
    private static Optional<DueKey> next(String orderId, Map<AlertType, Long> dueTimes,
                                         Map<AlertType, Alert> raised) {
        DueKey earliest = null;
        for (Map.Entry<AlertType, Long> due : dueTimes.entrySet()) {
            Alert alert = raised.get(due.getKey());
            if (alert != null && alert.getDueAt().toEpochMilli() == due.getValue()) {
                continue;
            }
            if (earliest == null || due.getValue() < earliest.dueAt()
                    || due.getValue() == earliest.dueAt() && due.getKey().ordinal() < earliest.type().ordinal()) {
                earliest = new DueKey(due.getValue(), orderId, due.getKey());
            }
        }
        return Optional.ofNullable(earliest);
    }

    /**
     * Raises the alerts due by {@code now}, earliest first and at most the configured number of index entries:
     * reads the due index from its start up to now, nothing beyond. An entry stands for its order at or before
     * its earliest alert not raised yet; every alert of the order's current state due by now is raised with it,
     * and the order's next one, if any, takes its place in the index (an entry a later change made early only
     * moves on, and one of an order with nothing left to raise goes).
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
            if (order == null) {
                continue;
            }
            Map<AlertType, Long> dueTimes = rules.dueTimes(order);
            Map<AlertType, Alert> raised = raised(entry.orderId());
            for (AlertType type : ORDER_ALERTS) {
                Long dueAt = dueTimes.get(type);
                String alertId = AlertRules.alertId(type, entry.orderId());
                Alert holding = raised.get(type);
                if (dueAt == null || dueAt > now || holding != null && holding.getDueAt().toEpochMilli() == dueAt) {
                    continue;
                }
                Alert alert = Alert.newBuilder()
                        .setAlertId(alertId)
                        .setType(type)
                        .setState(AlertState.RAISED)
                        .setOrderId(entry.orderId())
                        .setOrderStatus(order.getStatus())
                        .setMessage(rules.message(type, order, dueAt))
                        .setDueAt(Instant.ofEpochMilli(dueAt))
                        .setAt(Instant.ofEpochMilli(now))
                        .build();
                active.put(alertId, alert);
                raised.put(type, alert);
                context.forward(new Record<>(alertId, alert, now));
            }
            next(entry.orderId(), dueTimes, raised).ifPresent(following -> dueIndex.put(following.encode(), entry.orderId()));
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
