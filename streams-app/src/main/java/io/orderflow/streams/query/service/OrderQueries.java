package io.orderflow.streams.query.service;

import io.orderflow.avro.OrderProcessing;
import io.orderflow.avro.OrderState;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Merged;
import io.orderflow.streams.query.state.Page;
import io.orderflow.streams.query.state.Peers;
import io.orderflow.streams.query.state.Read;
import io.orderflow.streams.query.state.Slice;
import io.orderflow.streams.query.state.StateReader;
import io.orderflow.streams.query.view.Audience;
import io.orderflow.streams.query.view.Views;
import io.orderflow.streams.query.view.Views.AlertView;
import io.orderflow.streams.query.view.Views.OrderView;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Orders from {@code orders-store} (order id &rarr; OrderState, partitioned like
 * {@code order-commands}).
 *
 * <p><b>Read your writes.</b> A consistency token {@code order-commands:P:O} is processed once
 * the store's position for that partition reaches O. {@code orders-store} moves only when a
 * command changes an order; {@code order-processing-store} moves for every command, refused ones
 * included. So the wait is over when the orders store has reached the write, or when the
 * processing store has been past it for {@link #UNCHANGED_AFTER} (the order was not changed by
 * it) and the processor holds nothing for the order (no placement in catalog grace, no approval
 * with the stock ledger and no command held behind one).
 */
public final class OrderQueries {

    /**
     * How long the processing store must have passed a write, with the orders store not, before
     * the write counts as one that changed no order (refused). Generous on purpose: the processor
     * writes both stores for one record, and a starved thread can be slow between the two.
     */
    static final Duration UNCHANGED_AFTER = Duration.ofMillis(750);

    private final StateReader state;
    private final FanOut fanOut;
    private final Waits waits;
    private final AlertQueries alerts;
    private final Clock clock;

    public OrderQueries(StateReader state, FanOut fanOut, Waits waits, AlertQueries alerts, Clock clock) {
        this.state = state;
        this.fanOut = fanOut;
        this.waits = waits;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * One order, after waiting (at most {@code timeout}) for the write of {@code read.after()} or
     * until the order has {@code status}. On a timeout the answer is what the store holds then
     * (not ready while the write is still unprocessed).
     */
    public CompletableFuture<Lookup<OrderState>> order(String id, Read read, Optional<String> status, Duration timeout) {
        if (read.after().isPresent()) {
            AtomicLong processedSince = new AtomicLong(-1);
            return waits.until(() -> afterWrite(id, read, processedSince), OrderQueries::settled, timeout);
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

    private Lookup<OrderState> afterWrite(String id, Read read, AtomicLong processedSince) {
        Read unbounded = new Read(read.local(), read.allowStandby(), Optional.empty());
        Lookup<OrderState> order = state.get(OrderLifecycleTopology.ORDERS_STORE, id, read);
        if (order instanceof Lookup.NotReady) {
            Lookup<OrderProcessing> processed = state.get(OrderLifecycleTopology.PROCESSING_STORE, id, read);
            if (processed instanceof Lookup.NotReady) {
                processedSince.set(-1);
                return order;
            }
            long now = System.nanoTime();
            processedSince.compareAndSet(-1, now);
            if (now - processedSince.get() < UNCHANGED_AFTER.toNanos()) {
                return order;
            }
            // The processor has seen the write, the orders store has not: either the write changed
            // nothing (refused), or it is parked, e.g. held behind an approval that is still with
            // the stock ledger; then the order as stored is older than the write, not an answer.
            if (waiting(state.get(OrderLifecycleTopology.PROCESSING_STORE, id, unbounded))) {
                return Lookup.notReady("the write waits behind an approval that is with the stock ledger,"
                        + " or for its SKUs in the catalog");
            }
            return state.get(OrderLifecycleTopology.ORDERS_STORE, id, unbounded);
        }
        if (order instanceof Lookup.NotFound && waiting(state.get(OrderLifecycleTopology.PROCESSING_STORE, id, unbounded))) {
            return Lookup.notReady("the placement waits for its SKUs in the catalog or for the stock ledger");
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

    /** The order as its JSON body, with its active alerts (none when they cannot be gathered now). */
    public CompletableFuture<OrderView> view(OrderState order, Audience audience, Peers.Forward forward) {
        return view(order, audience, forward, true);
    }

    /**
     * The order as its JSON body; {@code withAlerts} its active alerts, else none (for callers
     * the alert store is not open to, so that every instance answers them alike).
     */
    public CompletableFuture<OrderView> view(OrderState order, Audience audience, Peers.Forward forward,
                                             boolean withAlerts) {
        LocalDate today = LocalDate.now(clock);
        OrderView view = Views.order(order, audience, today);
        if (!withAlerts) {
            return CompletableFuture.completedFuture(view);
        }
        return alerts.active(Optional.empty(), Optional.of(order.getOrderId()), forward.to("/v1/alerts"))
                .thenApply(found -> view.withAlerts(found instanceof Lookup.Found<Merged<AlertView>> f
                        ? f.value().items() : List.of(), today))
                .exceptionally(failure -> view);
    }

    /** This instance's slices of the orders that pass {@code filter}, masked for {@code audience}, as {@code page} keeps them. */
    public Lookup<List<Slice<OrderView>>> here(OrderFilter filter, Audience audience, Page<OrderView> page,
                                               boolean allowStandby) {
        LocalDate today = LocalDate.now(clock);
        return state.<OrderState, OrderView>scan(OrderLifecycleTopology.ORDERS_STORE, page, allowStandby,
                (id, order) -> order != null && filter.test(order) ? Views.order(order, audience, today) : null);
    }

    /**
     * The orders that pass {@code filter} across instances, newest first from after {@code cursor},
     * read {@code size} per partition at a time and coloured by the active alerts.
     */
    public CompletableFuture<Lookup<Streamed<OrderView>>> list(OrderFilter filter, Audience audience,
                                                               Peers.Forward forward, Optional<String> cursor, int size) {
        CompletableFuture<Set<String>> alerted = filter.placedBy() != null
                ? CompletableFuture.completedFuture(Set.of())
                : alerts.active(Optional.empty(), Optional.empty(), forward.to("/v1/alerts"))
                .thenApply(found -> found instanceof Lookup.Found<Merged<AlertView>> f
                        ? f.value().items().stream().map(AlertView::orderId).filter(java.util.Objects::nonNull)
                                .collect(Collectors.toSet())
                        : Set.<String>of())
                .exceptionally(failure -> Set.of());
        return alerted.thenCompose(ids -> fanOut.stream(OrderLifecycleTopology.ORDERS_STORE, Paging.ORDERS,
                        page -> here(filter, audience, page, true), forward, OrderView.class, cursor, size)
                .thenApply(found -> found instanceof Lookup.Found<Streamed<OrderView>> f
                        ? new Lookup.Found<>(f.value().finishing(o -> ids.contains(o.orderId()) && !"green".equals(o.colour())
                                ? o.recoloured("red") : o), f.lag())
                        : found));
    }
}
