package io.orderflow.streams.query.service;

import io.orderflow.streams.analytics.AnalyticsTopology;
import io.orderflow.streams.analytics.CustomerStats;
import io.orderflow.streams.analytics.CycleTimes;
import io.orderflow.streams.analytics.Fulfilment;
import io.orderflow.streams.analytics.SalesFigures;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Page;
import io.orderflow.streams.query.state.Peers;
import io.orderflow.streams.query.state.Slice;
import io.orderflow.streams.query.state.StateReader;
import io.orderflow.streams.query.view.Rows.CustomerRow;
import io.orderflow.streams.query.view.Rows.CycleTimeRow;
import io.orderflow.streams.query.view.Rows.FulfilmentRow;
import io.orderflow.streams.query.view.Rows.MonthlyRow;
import io.orderflow.streams.query.view.Rows.SalesRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Rolling sales and the ledger reports from the analytics stores (keys documented in
 * {@link AnalyticsTopology}). Every dimension key lives in one partition of the aggregator, so a
 * figure is whole on the instance that owns its partition and the fan-out only puts rows side by
 * side (it still sums rows of equal keys, which is exact should a key ever be split).
 */
public final class AnalyticsQueries {

    /** The dimensions of sales. */
    public static final List<String> DIMENSIONS = List.of("total", "channel", "product", "category", "customer");

    /** The periods of sales: rolling windows and calendar buckets. */
    public static final List<String> WINDOWS = List.of("1h", "24h", "7d", "day", "month");

    private final StateReader state;
    private final FanOut fanOut;
    /** Newest period first, then highest revenue, then key. */
    public final Ordering<SalesRow> salesOrder;
    /** Newest month first, then dimension, highest revenue, key. */
    public final Ordering<MonthlyRow> monthlyOrder;
    public final Ordering<FulfilmentRow> fulfilmentOrder;
    /** Highest revenue first, then customer id. */
    public final Ordering<CustomerRow> customersOrder;
    public final Ordering<CycleTimeRow> cycleTimesOrder;

    public AnalyticsQueries(StateReader state, FanOut fanOut) {
        this.state = state;
        this.fanOut = fanOut;
        var json = fanOut.json();
        this.salesOrder = Ordering.ofRows(SalesRow.class, Comparator.comparing(SalesRow::period).reversed()
                .thenComparing(SalesRow::revenue, Comparator.reverseOrder()).thenComparing(SalesRow::key), json);
        this.monthlyOrder = Ordering.ofRows(MonthlyRow.class, Comparator.comparing(MonthlyRow::month).reversed()
                .thenComparing(MonthlyRow::dimension).thenComparing(MonthlyRow::revenue, Comparator.reverseOrder())
                .thenComparing(MonthlyRow::key), json);
        this.fulfilmentOrder = Ordering.ofRows(FulfilmentRow.class, Comparator.comparing(FulfilmentRow::month).reversed()
                .thenComparing(FulfilmentRow::dimension).thenComparing(FulfilmentRow::key), json);
        this.customersOrder = Ordering.ofRows(CustomerRow.class, Comparator.comparing(CustomerRow::revenue,
                Comparator.reverseOrder()).thenComparing(CustomerRow::customerId), json);
        this.cycleTimesOrder = Ordering.ofRows(CycleTimeRow.class, Comparator.comparing(CycleTimeRow::month).reversed()
                .thenComparing(CycleTimeRow::stage), json);
    }

    private <T> CompletableFuture<Lookup<Streamed<T>>> stream(String store, Ordering<T> ordering,
                                                               Function<Page<T>, Lookup<List<Slice<T>>>> here,
                                                               Peers.Forward forward, Class<T> item) {
        return fanOut.stream(store, ordering, here, forward, item, Optional.empty(), fanOut.pageSize());
    }

    /** Which sales: dimension, window, the instant rolling windows end at, an optional day/month prefix. */
    public record SalesQuery(String by, String window, Instant asOf, Optional<String> period) {
    }

    public Lookup<List<Slice<SalesRow>>> salesHere(SalesQuery q, Page<SalesRow> page, boolean allowStandby) {
        String prefix = q.by() + "|";
        return switch (q.window()) {
            case "1h", "24h", "7d" -> {
                Duration span = switch (q.window()) {
                    case "1h" -> Duration.ofHours(1);
                    case "24h" -> Duration.ofHours(24);
                    default -> Duration.ofDays(7);
                };
                String store = q.window().equals("1h") ? AnalyticsTopology.SALES_MINUTE_STORE : AnalyticsTopology.SALES_HOUR_STORE;
                Lookup<List<Slice<SalesRow>>> buckets = state.<SalesFigures, SalesRow>scanWindows(store,
                        q.asOf().minus(span).plusMillis(1), q.asOf(), allowStandby, (windowed, figures) ->
                                figures != null && windowed.key().startsWith(prefix)
                                        ? row(q.by(), windowed.key().substring(prefix.length()), q.window(), figures)
                                        : null);
                yield paged(summedPerSlice(buckets), page);
            }
            case "day", "month" -> {
                String store = q.window().equals("day") ? AnalyticsTopology.SALES_DAY_STORE : AnalyticsTopology.SALES_MONTH_STORE;
                yield state.<SalesFigures, SalesRow>scan(store, page, allowStandby, (key, figures) -> {
                    int bar = key.lastIndexOf('|');
                    if (figures == null || bar < 0 || !key.startsWith(prefix)) {
                        return null;
                    }
                    String period = key.substring(bar + 1);
                    if (q.period().isPresent() && !period.startsWith(q.period().get())) {
                        return null;
                    }
                    return row(q.by(), key.substring(prefix.length(), bar), period, figures);
                });
            }
            default -> throw new QueryException.Invalid("window", "one of " + WINDOWS);
        };
    }

    /**
     * Sales across instances, streamed. Every dimension key lives in one partition of the
     * aggregator (the facts are repartitioned by it), so a row is whole where it is kept.
     */
    public CompletableFuture<Lookup<Streamed<SalesRow>>> sales(SalesQuery q, Peers.Forward forward) {
        return stream(salesStore(q.window()), salesOrder, page -> salesHere(q, page, true), forward, SalesRow.class);
    }

    /** The store a sales window is read from. */
    public static String salesStore(String window) {
        return switch (window) {
            case "1h" -> AnalyticsTopology.SALES_MINUTE_STORE;
            case "24h", "7d" -> AnalyticsTopology.SALES_HOUR_STORE;
            case "day" -> AnalyticsTopology.SALES_DAY_STORE;
            default -> AnalyticsTopology.SALES_MONTH_STORE;
        };
    }

    /** Both monthly summaries share the aggregator's partitions: the two stores' slices of a partition are joined. */
    public Lookup<List<Slice<MonthlyRow>>> monthlyHere(Optional<String> month, Optional<String> by,
                                                       Page<MonthlyRow> page, boolean allowStandby) {
        return paged(joinedPerPartition(monthlySlices(month, by, page, allowStandby)), page);
    }

    private Lookup<List<Slice<MonthlyRow>>> monthlySlices(Optional<String> month, Optional<String> by,
                                                          Page<MonthlyRow> page, boolean allowStandby) {
        List<Slice<MonthlyRow>> slices = new ArrayList<>();
        for (String dimension : List.of("customer", "category")) {
            if (by.isPresent() && !by.get().equals(dimension)) {
                continue;
            }
            String store = dimension.equals("customer") ? AnalyticsTopology.MONTHLY_BY_CUSTOMER_STORE
                    : AnalyticsTopology.MONTHLY_BY_CATEGORY_STORE;
            Lookup<List<Slice<MonthlyRow>>> part = state.<SalesFigures, MonthlyRow>scan(store, page, allowStandby, (key, f) -> {
                int bar = key.indexOf('|');
                if (f == null || bar < 0 || month.isPresent() && !key.substring(0, bar).equals(month.get())) {
                    return null;
                }
                return new MonthlyRow(key.substring(0, bar), dimension, key.substring(bar + 1), f.orders(), f.units(), f.revenue());
            });
            if (!(part instanceof Lookup.Found<List<Slice<MonthlyRow>>> found)) {
                return part;
            }
            slices.addAll(found.value());
        }
        return new Lookup.Found<>(slices, 0);
    }

    public CompletableFuture<Lookup<Streamed<MonthlyRow>>> monthly(Optional<String> month, Optional<String> by,
                                                                  Peers.Forward forward) {
        return stream(AnalyticsTopology.MONTHLY_BY_CUSTOMER_STORE, monthlyOrder, page -> monthlyHere(month, by, page, true),
                forward, MonthlyRow.class);
    }

    public Lookup<List<Slice<FulfilmentRow>>> fulfilmentHere(Optional<String> month, Optional<String> by,
                                                             Page<FulfilmentRow> page, boolean allowStandby) {
        return state.<Fulfilment, FulfilmentRow>scan(AnalyticsTopology.FULFILMENT_STORE, page, allowStandby, (key, f) -> {
            String[] parts = key.split("\\|", 3);
            if (f == null || parts.length < 3 || month.isPresent() && !parts[0].equals(month.get())
                    || by.isPresent() && !parts[1].equals(by.get())) {
                return null;
            }
            return new FulfilmentRow(parts[0], parts[1], parts[2], f.delivered(), f.onTime(), f.rate());
        });
    }

    public CompletableFuture<Lookup<Streamed<FulfilmentRow>>> fulfilment(Optional<String> month, Optional<String> by,
                                                                        Peers.Forward forward) {
        return stream(AnalyticsTopology.FULFILMENT_STORE, fulfilmentOrder, page -> fulfilmentHere(month, by, page, true),
                forward, FulfilmentRow.class);
    }

    public Lookup<List<Slice<CustomerRow>>> customersHere(Page<CustomerRow> page, boolean allowStandby) {
        return state.<CustomerStats, CustomerRow>scan(AnalyticsTopology.CUSTOMERS_STORE, page, allowStandby, (id, c) ->
                c == null ? null : new CustomerRow(id, c.figures().orders(), c.figures().units(), c.figures().revenue(),
                        c.firstOrderAt() == null ? null : Instant.ofEpochMilli(c.firstOrderAt()),
                        c.lastOrderAt() == null ? null : Instant.ofEpochMilli(c.lastOrderAt()),
                        c.repeat(), c.customerClass() == null ? null : c.customerClass().name()));
    }

    public CompletableFuture<Lookup<Streamed<CustomerRow>>> customers(Peers.Forward forward) {
        return stream(AnalyticsTopology.CUSTOMERS_STORE, customersOrder, page -> customersHere(page, true), forward,
                CustomerRow.class);
    }

    public Lookup<List<Slice<CycleTimeRow>>> cycleTimesHere(Optional<String> month, Page<CycleTimeRow> page,
                                                            boolean allowStandby) {
        return state.<CycleTimes, CycleTimeRow>scan(AnalyticsTopology.CYCLE_TIMES_STORE, page, allowStandby, (key, c) -> {
            int bar = key.indexOf('|');
            if (c == null || bar < 0 || month.isPresent() && !key.substring(0, bar).equals(month.get())) {
                return null;
            }
            return new CycleTimeRow(key.substring(0, bar), key.substring(bar + 1), c.count(), c.mean().toMillis(),
                    c.p50().toMillis(), c.p90().toMillis());
        });
    }

    public CompletableFuture<Lookup<Streamed<CycleTimeRow>>> cycleTimes(Optional<String> month, Peers.Forward forward) {
        return stream(AnalyticsTopology.CYCLE_TIMES_STORE, cycleTimesOrder, page -> cycleTimesHere(month, page, true),
                forward, CycleTimeRow.class);
    }

    private static SalesRow row(String dimension, String key, String period, SalesFigures f) {
        return new SalesRow(dimension, key, period, f.orders(), f.units(), f.revenue(), f.averageOrderValue());
    }

    /** The buckets of a rolling window summed per key and period. */
    private static List<SalesRow> summed(List<SalesRow> rows) {
        Map<String, SalesFigures> sums = new LinkedHashMap<>();
        Map<String, SalesRow> first = new LinkedHashMap<>();
        for (SalesRow row : rows) {
            String id = row.key() + "\u0000" + row.period();
            first.putIfAbsent(id, row);
            sums.merge(id, new SalesFigures(row.orders(), row.units(), row.revenue()), SalesFigures::plus);
        }
        List<SalesRow> out = new ArrayList<>();
        first.forEach((id, row) -> out.add(row(row.dimension(), row.key(), row.period(), sums.get(id))));
        return out;
    }

    private static Lookup<List<Slice<SalesRow>>> summedPerSlice(Lookup<List<Slice<SalesRow>>> buckets) {
        if (!(buckets instanceof Lookup.Found<List<Slice<SalesRow>>> found)) {
            return buckets;
        }
        return new Lookup.Found<>(found.value().stream()
                .map(s -> new Slice<>(s.partition(), s.active(), s.lag(), summed(s.items()))).toList(), found.lag());
    }

    private static <T> Lookup<List<Slice<T>>> joinedPerPartition(Lookup<List<Slice<T>>> slices) {
        if (!(slices instanceof Lookup.Found<List<Slice<T>>> found)) {
            return slices;
        }
        Map<String, Slice<T>> joined = new LinkedHashMap<>();
        for (Slice<T> s : found.value()) {
            joined.merge(s.partition() + "/" + s.active(), s, (a, b) -> {
                List<T> items = new ArrayList<>(a.items());
                items.addAll(b.items());
                return new Slice<>(a.partition(), a.active(), Math.max(a.lag(), b.lag()), items);
            });
        }
        return new Lookup.Found<>(List.copyOf(joined.values()), found.lag());
    }

    /** {@code page} of slices gathered whole (summed or joined), partitions outside it dropped. */
    private static <T> Lookup<List<Slice<T>>> paged(Lookup<List<Slice<T>>> slices, Page<T> page) {
        if (!(slices instanceof Lookup.Found<List<Slice<T>>> found)) {
            return slices;
        }
        return new Lookup.Found<>(found.value().stream().filter(s -> page.includes(s.partition()))
                .map(s -> new Slice<>(s.partition(), s.active(), s.lag(), page.of(s.items()))).toList(), found.lag());
    }
}
