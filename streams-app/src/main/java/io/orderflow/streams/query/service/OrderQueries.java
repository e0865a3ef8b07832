package io.orderflow.streams.query.service;

import io.orderflow.avro.ArchivedOrder;
import io.orderflow.avro.OrderProcessing;
import io.orderflow.avro.OrderRefusals;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.Refusal;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Page;
import io.orderflow.streams.query.state.Read;
import io.orderflow.streams.query.state.Slice;
import io.orderflow.streams.query.state.StateReader;
import io.orderflow.streams.query.view.Views;
import io.orderflow.streams.query.view.Views.HistoryView;
import io.orderflow.streams.query.view.Views.OrderView;
import io.orderflow.streams.query.view.Views.RefusalView;
import io.orderflow.streams.refusals.RefusalTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Orders from {@code orders-store} (order id &rarr; OrderState, partitioned like
 * {@code order-commands}).
 *
 * <p><b>Read your writes.</b> A consistency token {@code order-commands:P:O} is processed once
 * the app has committed past it and past everything it led to on the way to the orders store
 * (the SKUs' round trip of an approval, and the commands held behind it): {@link
 * Processed}. A placement the processor still parks (its SKUs not yet in the catalog) is not an
 * answer either: the read keeps waiting rather than say 404.
 *
 * <p>An order owned by another instance is asked of its owner ({@link PeerQuery.OneOrder}), which reads and waits
 * as above in its own state; a list asks every instance for its slices ({@link PeerQuery.OrderList}).
 *
 * <p>An order's refusals are kept apart, in {@code order-refusals-store} (order id &rarr; OrderRefusals, fed by
 * {@code order-refusals} in a task of its own): read where that store's partition is held
 * ({@link PeerQuery.OrderRefusals}), once the order itself is known to be readable by the caller.
 */
public final class OrderQueries {

    private final StateReader state;
    /** The customer records: an order shows the class its customer's record sets. */
    private final CustomerQueries customers;
    private final FanOut fanOut;
    private final Waits waits;
    private final Processed processed;
    private final AlertQueries alerts;
    private final Clock clock;

    public OrderQueries(StateReader state, FanOut fanOut, Waits waits, Processed processed, AlertQueries alerts,
                        Clock clock) {
        this.state = state;
        this.customers = new CustomerQueries(state);
        this.fanOut = fanOut;
        this.waits = waits;
        this.processed = processed;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The order {@code key} names as its body for {@code caller}, from whichever instance owns it. */
    public CompletableFuture<Lookup<OrderView>> view(OrderKey key, Caller caller) {
        return owned(key, false, caller, (order, archivedAt) -> view(order, archivedAt, caller), PeerQuery.OneOrder::new);
    }

    /** The same, as a peer is asked for it: from this instance's state only. */
    CompletableFuture<Lookup<OrderView>> viewHere(OrderKey key, Caller caller) {
        return owned(key, true, caller, (order, archivedAt) -> view(order, archivedAt, caller),
                PeerQuery.OneOrder::new);
    }

    /** The history of the order {@code key} names, from whichever instance owns it. */
    public CompletableFuture<Lookup<List<HistoryView>>> history(OrderKey key, Caller caller) {
        return owned(key, false, caller, (order, archivedAt) -> CompletableFuture.completedFuture(Views.history(order)),
                PeerQuery.OrderHistory::new);
    }

    /** The same, as a peer is asked for it: from this instance's state only. */
    CompletableFuture<Lookup<List<HistoryView>>> historyHere(OrderKey key, Caller caller) {
        return owned(key, true, caller, (order, archivedAt) -> CompletableFuture.completedFuture(Views.history(order)),
                PeerQuery.OrderHistory::new);
    }

    /**
     * The commands refused for the order {@code key} names, newest first, when {@code caller} may read the order
     * (else not found). With a consistency token, read once the token's write has reached the refusals' store (a
     * refused command leaves the order as it was, so waiting for the order alone would not show its refusal).
     */
    public CompletableFuture<Lookup<List<RefusalView>>> refusals(OrderKey key, Caller caller) {
        long deadline = System.nanoTime() + key.timeout().toNanos();
        return history(key, caller).thenCompose(order -> {
            if (!(order instanceof Lookup.Found<List<HistoryView>>)) {
                return CompletableFuture.completedFuture(order.<List<RefusalView>>retype());
            }
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            return processed.past(key.token(), RefusalTopology.STORE, left).thenCompose(done -> {
                if (!(done instanceof Lookup.Found<Void>)) {
                    return CompletableFuture.completedFuture(done.<List<RefusalView>>retype());
                }
                Lookup<List<RefusalView>> here = refusalsOf(key.id(), Read.DEFAULT);
                if (here instanceof Lookup.Elsewhere<List<RefusalView>> holder) {
                    return fanOut.peers().askHolder(holder, standby -> new PeerQuery.OrderRefusals(key.id(), standby),
                            caller);
                }
                return CompletableFuture.completedFuture(here);
            });
        });
    }

    /** The refusals of one order whose partition of the refusals' store is held here (a peer's question). */
    Lookup<List<RefusalView>> refusalsHere(String orderId, boolean standby) {
        return refusalsOf(orderId, new Read(true, standby, Optional.empty()));
    }

    /** Newest first; none (found, empty) when no command was refused for the order. */
    private Lookup<List<RefusalView>> refusalsOf(String orderId, Read read) {
        Lookup<OrderRefusals> kept = state.get(RefusalTopology.STORE, orderId, read);
        if (kept instanceof Lookup.Found<OrderRefusals> found) {
            return new Lookup.Found<>(found.value().getRefusals().stream().map(Views::refusal)
                    .sorted(Comparator.comparing(RefusalView::at).reversed()).toList(), found.lag());
        }
        if (kept instanceof Lookup.NotFound<OrderRefusals>) {
            return Lookup.Found.active(List.of());
        }
        return kept.retype();
    }

    /**
     * What {@code answer} makes of the order {@code key} names when {@code caller} may read it (else not found, so
     * that order ids cannot be probed). Held here: read here. Owned by another instance, unless {@code local}: asked
     * of the owner (or its standbys) with {@code ask}, within what is left of the timeout. An order the monthly
     * archive has taken is read from the archive, kept in the same task: {@code answer} gets when it was archived
     * (null for a live order).
     */
    private <T> CompletableFuture<Lookup<T>> owned(OrderKey key, boolean local, Caller caller,
                                                   BiFunction<OrderState, Instant, CompletableFuture<T>> answer,
                                                   Function<OrderKey, PeerQuery<T>> ask) {
        long deadline = System.nanoTime() + key.timeout().toNanos();
        return order(key.id(), key.read(local), key.awaitedStatus(), key.timeout()).thenCompose(found -> {
            if (found instanceof Lookup.NotFound<OrderState>) {
                Lookup<ArchivedOrder> kept = state.get(OrderLifecycleTopology.ARCHIVE_STORE, key.id(), key.read(local));
                if (kept instanceof Lookup.Found<ArchivedOrder> archived) {
                    OrderState order = archived.value().getOrder();
                    if (!OrderFilter.readable(order, caller)) {
                        return CompletableFuture.completedFuture(new Lookup.NotFound<>());
                    }
                    return answer.apply(order, archived.value().getArchivedAt())
                            .thenApply(value -> new Lookup.Found<>(value, archived.lag()));
                }
            }
            if (found instanceof Lookup.Found<OrderState> order) {
                if (!OrderFilter.readable(order.value(), caller)) {
                    return CompletableFuture.completedFuture(new Lookup.NotFound<>());
                }
                return answer.apply(order.value(), null).thenApply(value -> new Lookup.Found<>(value, order.lag()));
            }
            if (found instanceof Lookup.Elsewhere<OrderState> owner && !local) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                return fanOut.peers().askHolder(owner, standby -> ask.apply(key.asked(left, standby)), caller);
            }
            return CompletableFuture.completedFuture(found.<T>retype());
        });
    }

    /**
     * One order, after waiting (at most {@code timeout}) for the write of {@code read.after()} or
     * until the order has {@code status}. On a timeout the answer is what the store holds then
     * (not ready while the write is still unprocessed).
     */
    private CompletableFuture<Lookup<OrderState>> order(String id, Read read, Optional<String> status, Duration timeout) {
        if (read.after().isPresent()) {
            long deadline = System.nanoTime() + timeout.toNanos();
            Read unbounded = new Read(read.local(), read.allowStandby(), Optional.empty());
            return processed.past(read.after(), OrderLifecycleTopology.ORDERS_STORE, timeout).thenCompose(done -> {
                if (!(done instanceof Lookup.Found<Void>)) {
                    return CompletableFuture.completedFuture(done.<OrderState>retype());
                }
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                return waits.until(() -> unlessParked(id, unbounded), OrderQueries::settled, left);
            });
        }
        if (status.isPresent()) {
            String wanted = status.get();
            return waits.until(() -> state.<OrderState>get(OrderLifecycleTopology.ORDERS_STORE, id, read),
                    answer -> answer instanceof Lookup.Elsewhere
                            || answer instanceof Lookup.Found<OrderState> found
                            && found.value().getStatus().name().equals(wanted),
                    timeout);
        }
        return CompletableFuture.completedFuture(state.get(OrderLifecycleTopology.ORDERS_STORE, id, read));
    }

    private Lookup<OrderState> unlessParked(String id, Read read) {
        Lookup<OrderState> order = state.get(OrderLifecycleTopology.ORDERS_STORE, id, read);
        if (order instanceof Lookup.NotFound && waiting(state.get(OrderLifecycleTopology.PROCESSING_STORE, id, read))) {
            return Lookup.notReady("the placement waits for its SKUs in the catalog or for its SKUs' stock");
        }
        return order;
    }

    /** A placement parked by the processor (catalog grace, held behind a pending approval): not an answer yet. */
    private static boolean waiting(Lookup<Object> bookkeeping) {
        return bookkeeping instanceof Lookup.Found<Object> found && found.value() instanceof OrderProcessing p
                && (p.getAwaitingCatalog() != null || p.getPendingApproval() != null || !p.getHeldCommands().isEmpty());
    }

    private static boolean settled(Lookup<?> answer) {
        return !(answer instanceof Lookup.NotReady);
    }

    /**
     * The order as its JSON body for {@code caller}, with its active alerts when they are open to it (none when they
     * cannot be gathered now); marked archived, since {@code archivedAt}, when the archive holds it.
     */
    private CompletableFuture<OrderView> view(OrderState order, Instant archivedAt, Caller caller) {
        LocalDate today = LocalDate.now(clock);
        OrderView view = Views.order(order, caller.audience(), today, customers::customerClass);
        if (archivedAt != null) {
            // an archived order has no alerts nor refusals: they went with it from the live state
            return CompletableFuture.completedFuture(view.archivedAt(archivedAt));
        }
        if (refusedSinceChanged(order, latestRefusal(order.getOrderId()))) {
            view = view.recoloured("red");
        }
        if (!caller.seesAlerts()) {
            return CompletableFuture.completedFuture(view);
        }
        OrderView coloured = view;
        return alerts.ofOrder(order.getOrderId(), caller)
                .thenApply(raised -> raised.isEmpty() ? coloured : coloured.withAlerts(raised, today))
                .exceptionally(failure -> coloured);
    }

    /**
     * When the latest command refused for the order was refused (null when none is known here). The refusals are
     * kept in the order's own task, so whoever reads the order reads them too.
     */
    private Instant latestRefusal(String orderId) {
        Lookup<OrderRefusals> kept = state.get(RefusalTopology.STORE, orderId, Read.DEFAULT);
        return kept instanceof Lookup.Found<OrderRefusals> found ? latest(found.value()) : null;
    }

    /** The latest refusal of each order held in {@code partitions} of the refusals' store, by order id. */
    private Map<String, Instant> latestRefusalsHere(Set<Integer> partitions, boolean allowStandby) {
        Lookup<List<Slice<Map.Entry<String, Instant>>>> found = state.<OrderRefusals, Map.Entry<String, Instant>>scan(
                RefusalTopology.STORE, new Page<>(partitions, entry -> true, null, Integer.MAX_VALUE), allowStandby,
                (orderId, kept) -> kept == null || kept.getRefusals().isEmpty() ? null : Map.entry(orderId, latest(kept)));
        Map<String, Instant> latest = new HashMap<>();
        if (found instanceof Lookup.Found<List<Slice<Map.Entry<String, Instant>>>> slices) {
            slices.value().forEach(slice -> slice.items().forEach(entry -> latest.put(entry.getKey(), entry.getValue())));
        }
        return latest;
    }

    private static Instant latest(OrderRefusals kept) {
        return kept.getRefusals().stream().map(Refusal::getAt).max(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * Red for a refusal while it is the order's latest word: a command refused at or after the order's last change,
     * and the order not done (a done order stays green, as under an alert).
     */
    private static boolean refusedSinceChanged(OrderState order, Instant latestRefusal) {
        return latestRefusal != null && !latestRefusal.isBefore(order.getUpdatedAt())
                && !Views.DONE.contains(order.getStatus());
    }

    /**
     * This instance's slices of the orders that pass {@code filter} and {@code caller} may read, masked for it, as
     * {@code page} keeps them; an order under an active alert (when the alert store is open to the caller) or whose
     * latest command was refused red unless it is done (green). The alerts and the refusals are read here with the
     * orders: they are kept in the order's partition, in its task.
     */
    public Lookup<List<Slice<OrderView>>> here(OrderFilter filter, Caller caller, Page<OrderView> page,
                                               boolean allowStandby) {
        LocalDate today = LocalDate.now(clock);
        OrderFilter readable = filter.readableBy(caller);
        Set<String> alerted = caller.seesAlerts() ? alerts.alertedHere(page.partitions(), allowStandby) : Set.of();
        Map<String, Instant> refused = latestRefusalsHere(page.partitions(), allowStandby);
        return state.<OrderState, OrderView>scan(OrderLifecycleTopology.ORDERS_STORE, page, allowStandby, (id, order) -> {
            if (order == null || !readable.test(order)) {
                return null;
            }
            OrderView view = Views.order(order, caller.audience(), today, customers::customerClass);
            boolean red = alerted.contains(view.orderId()) || refusedSinceChanged(order, refused.get(id));
            return red && !"green".equals(view.colour()) ? view.recoloured("red") : view;
        });
    }

    /**
     * The orders that pass {@code filter} across instances, newest first from after {@code cursor}, read
     * {@code size} per partition at a time, each coloured by its active alerts where it is read: one question to
     * each instance per page, the alerts coming with the orders.
     */
    public CompletableFuture<Lookup<Streamed<OrderView>>> list(OrderFilter filter, Caller caller,
                                                               Optional<String> cursor, int size) {
        return fanOut.stream(OrderLifecycleTopology.ORDERS_STORE, Paging.ORDERS, page -> here(filter, caller, page, true),
                slices -> new PeerQuery.OrderList(filter, slices), caller, cursor, size);
    }

    /**
     * This instance's slices of the archive month {@code month} ({@code yyyy-MM}): read from the month index's range
     * of that month only, each order from the archive in the same partition, the ones {@code caller} may read,
     * masked for it and marked archived.
     */
    public Lookup<List<Slice<OrderView>>> archivedHere(String month, Caller caller, Page<OrderView> page,
                                                       boolean allowStandby) {
        LocalDate today = LocalDate.now(clock);
        Read read = new Read(true, allowStandby, Optional.empty());
        return state.<Long, OrderView>scanRange(OrderLifecycleTopology.ARCHIVE_MONTHS_STORE,
                // from "yyyy-MM|" to "yyyy-MM}": '}' follows '|', so every key of the month and no other lies between
                OrderLifecycleTopology.archiveMonthKey(month, ""), month + "}", page, allowStandby, (key, finishedAt) -> {
                    String orderId = key.substring(key.indexOf('|') + 1);
                    Lookup<ArchivedOrder> kept = state.get(OrderLifecycleTopology.ARCHIVE_STORE, orderId, read);
                    if (!(kept instanceof Lookup.Found<ArchivedOrder> archived)
                            || !OrderFilter.readable(archived.value().getOrder(), caller)) {
                        return null;
                    }
                    return Views.order(archived.value().getOrder(), caller.audience(), today)
                            .archivedAt(archived.value().getArchivedAt());
                });
    }

    /** The orders archived under {@code month} across instances, newest first, as {@link #list} pages them. */
    public CompletableFuture<Lookup<Streamed<OrderView>>> archived(String month, Caller caller,
                                                                   Optional<String> cursor, int size) {
        return fanOut.stream(OrderLifecycleTopology.ARCHIVE_MONTHS_STORE, Paging.ORDERS,
                page -> archivedHere(month, caller, page, true),
                slices -> new PeerQuery.ArchiveMonth(month, slices), caller, cursor, size);
    }
}
