package io.orderflow.streams.query.service;

import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.streams.alerts.AlertTopology;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Page;
import io.orderflow.streams.query.state.Read;
import io.orderflow.streams.query.state.Slice;
import io.orderflow.streams.query.state.StateReader;
import io.orderflow.streams.query.view.Views;
import io.orderflow.streams.query.view.Views.AlertView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Active alerts from {@code alerts-active-store} (alert id &rarr; Alert, kept in the task of the
 * alert's order), newest first.
 */
public final class AlertQueries {

    /** Newest first, then by alert id. */
    static final Comparator<AlertView> NEWEST_FIRST = Comparator.comparing(AlertView::at).reversed()
            .thenComparing(AlertView::alertId);

    private final StateReader state;
    private final FanOut fanOut;
    public final Ordering<AlertView> ordering;

    public AlertQueries(StateReader state, FanOut fanOut) {
        this.state = state;
        this.fanOut = fanOut;
        this.ordering = Ordering.ofRows(AlertView.class, NEWEST_FIRST, fanOut.json());
    }

    public Lookup<List<Slice<AlertView>>> here(Optional<String> type, Optional<String> orderId, Page<AlertView> page,
                                               boolean allowStandby) {
        return state.<Alert, AlertView>scan(AlertTopology.ACTIVE_STORE, page, allowStandby, (id, alert) ->
                alert != null && alert.getState() == AlertState.RAISED
                        && type.map(t -> t.equals(alert.getType().name())).orElse(true)
                        && orderId.map(o -> o.equals(alert.getOrderId())).orElse(true)
                        ? Views.alert(alert) : null);
    }

    /**
     * The orders under an active alert, as this instance holds the alert store's {@code partitions} (every one it
     * holds when empty; standbys' too when {@code allowStandby}). An order's alerts are kept in its own partition by
     * the task that keeps the order, so whoever reads an order's partition can colour it without asking anyone.
     * None when the store cannot be read here now.
     */
    Set<String> alertedHere(Set<Integer> partitions, boolean allowStandby) {
        Lookup<List<Slice<String>>> found = state.<Alert, String>scan(AlertTopology.ACTIVE_STORE,
                new Page<>(partitions, orderId -> true, null, Integer.MAX_VALUE), allowStandby,
                (id, alert) -> alert != null && alert.getState() == AlertState.RAISED ? alert.getOrderId() : null);
        if (!(found instanceof Lookup.Found<List<Slice<String>>> slices)) {
            return Set.of();
        }
        Set<String> alerted = new HashSet<>();
        slices.value().forEach(slice -> alerted.addAll(slice.items()));
        return alerted;
    }

    /**
     * The active alerts of one order, newest first. They live in the partition of the order's id
     * (alert ids are {@code <type>:<order id>}), so this reads that partition's store directly,
     * every type's key in one read, when it is active here, else asks its one active instance:
     * not every instance, which made an order lookup cost a call to each of them (BENCHMARKS.md,
     * figure 4).
     */
    public CompletableFuture<List<AlertView>> ofOrder(String orderId, Caller caller) {
        Lookup<List<AlertView>> here = ofOrder(orderId, Read.DEFAULT);
        if (here instanceof Lookup.Elsewhere<List<AlertView>> elsewhere) {
            return fanOut.peers().ask(elsewhere.active(), new PeerQuery.OrderAlerts(orderId), caller)
                    .thenApply(answer -> {
                        if (answer instanceof Lookup.Found<List<AlertView>> found) {
                            return found.value().stream().sorted(NEWEST_FIRST).toList();
                        }
                        throw new IllegalStateException("the alerts of " + orderId + " are not to be had: " + answer);
                    });
        }
        if (here instanceof Lookup.Found<List<AlertView>> found) {
            return CompletableFuture.completedFuture(found.value());
        }
        return CompletableFuture.failedFuture(new IllegalStateException(
                here instanceof Lookup.NotReady<List<AlertView>> notReady ? notReady.reason() : "no answer"));
    }

    /** The active alerts of one order whose partition is active here (a peer's question). */
    Lookup<List<AlertView>> ofOrderHere(String orderId) {
        return ofOrder(orderId, new Read(true, false, Optional.empty()));
    }

    private Lookup<List<AlertView>> ofOrder(String orderId, Read read) {
        List<String> ids = new ArrayList<>(AlertType.values().length);
        for (AlertType type : AlertType.values()) {
            ids.add(AlertTopology.alertId(type, orderId));
        }
        Lookup<Map<String, Alert>> alerts = state.getAllIn(AlertTopology.ACTIVE_STORE, orderId, ids, read);
        if (alerts instanceof Lookup.Found<Map<String, Alert>> found) {
            return new Lookup.Found<>(found.value().values().stream()
                    .filter(alert -> alert.getState() == AlertState.RAISED)
                    .map(Views::alert)
                    .sorted(NEWEST_FIRST)
                    .toList(), found.lag());
        }
        return alerts.retype();
    }

    /**
     * How many alerts are raised in the partitions active here, by type, every type included: each alert is counted
     * by the one instance whose task holds it active, so the sum over instances is the cluster's. Empty while the
     * store cannot be read here (rebalancing, restoring).
     */
    public Optional<Map<AlertType, Long>> countHere() {
        Lookup<List<Slice<AlertType>>> found = state.<Alert, AlertType>scan(AlertTopology.ACTIVE_STORE, false,
                (id, alert) -> alert != null && alert.getState() == AlertState.RAISED ? alert.getType() : null);
        if (!(found instanceof Lookup.Found<List<Slice<AlertType>>> slices)) {
            return Optional.empty();
        }
        Map<AlertType, Long> counts = new java.util.EnumMap<>(AlertType.class);
        for (AlertType type : AlertType.values()) {
            counts.put(type, 0L);
        }
        for (Slice<AlertType> slice : slices.value()) {
            if (slice.active()) {
                slice.items().forEach(type -> counts.merge(type, 1L, Long::sum));
            }
        }
        return Optional.of(counts);
    }

    /** The active alerts of the route: every instance's, streamed page by page. */
    public CompletableFuture<Lookup<Streamed<AlertView>>> list(Optional<String> type, Optional<String> orderId,
                                                               Caller caller) {
        return fanOut.stream(AlertTopology.ACTIVE_STORE, ordering, page -> here(type, orderId, page, true),
                slices -> new PeerQuery.AlertList(type.orElse(null), orderId.orElse(null), slices), caller,
                Optional.empty(), fanOut.pageSize());
    }
}
