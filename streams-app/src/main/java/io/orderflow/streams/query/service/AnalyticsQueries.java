package io.orderflow.streams.query.service;

import io.orderflow.avro.OrderState;
import io.orderflow.streams.analytics.AnalyticsSettings;
import io.orderflow.streams.analytics.AnalyticsTopology;
import io.orderflow.streams.analytics.CurrencyKeys;
import io.orderflow.streams.analytics.CustomerStats;
import io.orderflow.streams.analytics.CycleTimes;
import io.orderflow.streams.analytics.Cancellations;
import io.orderflow.streams.analytics.Fulfilment;
import io.orderflow.streams.analytics.SalesFigures;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Page;
import io.orderflow.streams.query.state.Slice;
import io.orderflow.streams.query.state.StateReader;
import io.orderflow.streams.query.view.Rows.CustomerRow;
import io.orderflow.streams.query.view.Rows.CycleTimeRow;
import io.orderflow.streams.query.view.Rows.CancellationsRow;
import io.orderflow.streams.query.view.Rows.FulfilmentRow;
import io.orderflow.streams.query.view.Rows.MonthlyRow;
import io.orderflow.streams.query.view.Rows.ReceivableRow;
import io.orderflow.streams.query.view.Rows.SalesRow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Rolling sales and the ledger reports from the analytics stores (keys documented in
 * {@link AnalyticsTopology}). The analytics are kept in the task of each {@code order-events}
 * partition, so a partition of a store holds the part of a key's figures its own orders make: an
 * answer reads the rows of every partition, each partition once (its active, else its freshest
 * standby), adds the parts of one key up into one row, works out what follows from the sums
 * (average order value, rates, a customer's class, mean and percentiles) and only then sorts. A
 * partition's own rows are read, and paged between instances, as any list's.
 */
public final class AnalyticsQueries {

    /** The dimensions of sales. */
    public static final List<String> DIMENSIONS = List.of("total", "channel", "product", "category", "customer");

    /** The periods of sales: rolling windows and calendar buckets. */
    public static final List<String> WINDOWS = List.of("1h", "24h", "7d", "day", "month");

    private final StateReader state;
    private final FanOut fanOut;
    private final AnalyticsSettings settings;
    /** Newest period first, then highest revenue, then key. */
    public final Ordering<SalesRow> salesOrder;
    /** Newest month first, then dimension, highest revenue, key. */
    public final Ordering<MonthlyRow> monthlyOrder;
    public final Ordering<FulfilmentRow> fulfilmentOrder;
    /** Newest month first. */
    public final Ordering<CancellationsRow> cancellationsOrder;
    /** Highest revenue first, then customer id. */
    public final Ordering<CustomerRow> customersOrder;
    public final Ordering<CycleTimeRow> cycleTimesOrder;
    /** Most outstanding first, then customer id and currency. */
    public final Ordering<ReceivableRow> receivablesOrder;
    /** A partition's part of the cycle times, in the order of {@link #cycleTimesOrder}. */
    public final Ordering<CycleTimesPart> cycleTimesPartOrder;

    /** {@code settings}: the customer classes' thresholds, the same the app classifies with. */
    public AnalyticsQueries(StateReader state, FanOut fanOut, AnalyticsSettings settings) {
        this.state = state;
        this.fanOut = fanOut;
        this.settings = settings;
        var json = fanOut.json();
        this.salesOrder = Ordering.ofRows(SalesRow.class, Comparator.comparing(SalesRow::period).reversed()
                .thenComparing(SalesRow::currency).thenComparing(SalesRow::revenue, Comparator.reverseOrder())
                .thenComparing(SalesRow::key), json);
        this.monthlyOrder = Ordering.ofRows(MonthlyRow.class, Comparator.comparing(MonthlyRow::month).reversed()
                .thenComparing(MonthlyRow::dimension).thenComparing(MonthlyRow::currency)
                .thenComparing(MonthlyRow::revenue, Comparator.reverseOrder()).thenComparing(MonthlyRow::key), json);
        this.fulfilmentOrder = Ordering.ofRows(FulfilmentRow.class, Comparator.comparing(FulfilmentRow::month).reversed()
                .thenComparing(FulfilmentRow::dimension).thenComparing(FulfilmentRow::key), json);
        this.cancellationsOrder = Ordering.ofRows(CancellationsRow.class,
                Comparator.comparing(CancellationsRow::month).reversed(), json);
        this.customersOrder = Ordering.ofRows(CustomerRow.class, Comparator.comparing(CustomerRow::currency)
                .thenComparing(CustomerRow::revenue, Comparator.reverseOrder()).thenComparing(CustomerRow::customerId),
                json);
        this.receivablesOrder = Ordering.ofRows(ReceivableRow.class, Comparator.comparing(ReceivableRow::outstanding,
                Comparator.reverseOrder()).thenComparing(ReceivableRow::customerId)
                .thenComparing(ReceivableRow::currency), json);
        this.cycleTimesOrder = Ordering.ofRows(CycleTimeRow.class, Comparator.comparing(CycleTimeRow::month).reversed()
                .thenComparing(CycleTimeRow::stage), json);
        // The position of a part is its month and stage: the histogram is no position.
        this.cycleTimesPartOrder = Ordering.byKey(CycleTimesPart.class, part -> new CycleTimesPart(part.month(), part.stage(), null),
                Comparator.comparing(CycleTimesPart::month).reversed().thenComparing(CycleTimesPart::stage), json);
    }

    /** A partition's part of one month's durations of one stage: what a peer sends for the cycle-times report. */
    public record CycleTimesPart(String month, String stage, CycleTimes times) {
    }

    /**
     * Every partition's rows of {@code store} (read as {@link FanOut#stream} reads a list), the parts
     * of one {@code identity} added up ({@code plus}) and {@code finish}ed into the answer's rows, in
     * {@code order}.
     */
    private <P, K, T> CompletableFuture<Lookup<Streamed<T>>> summed(String store, Ordering<P> partOrder,
                                                                    Function<Page<P>, Lookup<List<Slice<P>>>> here,
                                                                    Function<PeerQuery.Slices, PeerQuery<List<Slice<P>>>> remote,
                                                                    Caller caller, Function<P, K> identity,
                                                                    BinaryOperator<P> plus, Function<P, T> finish,
                                                                    Ordering<T> order) {
        return fanOut.stream(store, partOrder, here, remote, caller, Optional.empty(), fanOut.pageSize())
                .thenApply(parts -> parts instanceof Lookup.Found<Streamed<P>> found
                        ? new Lookup.Found<>(found.value().summed(identity, plus, finish, order), found.lag())
                        : parts.retype());
    }

    /** Rows that add up to themselves ({@code plus} works out their derived figures again). */
    private <K, T> CompletableFuture<Lookup<Streamed<T>>> summed(String store, Ordering<T> order,
                                                                 Function<Page<T>, Lookup<List<Slice<T>>>> here,
                                                                 Function<PeerQuery.Slices, PeerQuery<List<Slice<T>>>> remote,
                                                                 Caller caller, Function<T, K> identity,
                                                                 BinaryOperator<T> plus) {
        return summed(store, order, here, remote, caller, identity, plus, Function.identity(), order);
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
                yield paged(summedPerSlice(buckets, AnalyticsQueries::salesIdentity, AnalyticsQueries::plus), page);
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

    /** Sales across instances: each key's parts, one per partition, summed (and its average order value worked out) first. */
    public CompletableFuture<Lookup<Streamed<SalesRow>>> sales(SalesQuery q, Caller caller) {
        return summed(salesStore(q.window()), salesOrder, page -> salesHere(q, page, true),
                slices -> PeerQuery.SalesList.of(q, slices), caller, AnalyticsQueries::salesIdentity,
                AnalyticsQueries::plus);
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
                CurrencyKeys.Split value = CurrencyKeys.split(key.substring(bar + 1));
                return new MonthlyRow(key.substring(0, bar), dimension, value.value(), value.currency(), f.orders(),
                        f.units(), f.revenue());
            });
            if (!(part instanceof Lookup.Found<List<Slice<MonthlyRow>>> found)) {
                return part;
            }
            slices.addAll(found.value());
        }
        return new Lookup.Found<>(slices, 0);
    }

    public CompletableFuture<Lookup<Streamed<MonthlyRow>>> monthly(Optional<String> month, Optional<String> by,
                                                                  Caller caller) {
        return summed(AnalyticsTopology.MONTHLY_BY_CUSTOMER_STORE, monthlyOrder, page -> monthlyHere(month, by, page, true),
                slices -> new PeerQuery.MonthlyReport(month.orElse(null), by.orElse(null), slices), caller,
                row -> List.of(row.month(), row.dimension(), row.key(), row.currency()), (a, b) -> {
                    SalesFigures sum = figures(a.orders(), a.units(), a.revenue()).plus(figures(b.orders(), b.units(), b.revenue()));
                    return new MonthlyRow(a.month(), a.dimension(), a.key(), a.currency(), sum.orders(), sum.units(),
                            sum.revenue());
                });
    }

    public Lookup<List<Slice<FulfilmentRow>>> fulfilmentHere(Optional<String> month, Optional<String> by,
                                                             Page<FulfilmentRow> page, boolean allowStandby) {
        return state.<Fulfilment, FulfilmentRow>scan(AnalyticsTopology.FULFILMENT_STORE, page, allowStandby, (key, f) -> {
            String[] parts = key.split("\\|", 3);
            if (f == null || parts.length < 3 || month.isPresent() && !parts[0].equals(month.get())
                    || by.isPresent() && !parts[1].equals(by.get())) {
                return null;
            }
            return fulfilmentRow(parts[0], parts[1], parts[2], f);
        });
    }

    private static FulfilmentRow fulfilmentRow(String month, String dimension, String key, Fulfilment f) {
        return new FulfilmentRow(month, dimension, key, f.delivered(), f.onTime(), f.rate(), f.onTimeToFirstPromise(),
                f.rateToFirstPromise());
    }

    public CompletableFuture<Lookup<Streamed<FulfilmentRow>>> fulfilment(Optional<String> month, Optional<String> by,
                                                                        Caller caller) {
        return summed(AnalyticsTopology.FULFILMENT_STORE, fulfilmentOrder, page -> fulfilmentHere(month, by, page, true),
                slices -> new PeerQuery.FulfilmentReport(month.orElse(null), by.orElse(null), slices), caller,
                row -> List.of(row.month(), row.dimension(), row.key()),
                (a, b) -> fulfilmentRow(a.month(), a.dimension(), a.key(),
                        new Fulfilment(a.delivered(), a.onTime(), a.onTimeToFirstPromise())
                                .plus(new Fulfilment(b.delivered(), b.onTime(), b.onTimeToFirstPromise()))));
    }

    /** This instance's parts of the cancellations report (the rate as the part alone would have it: the sum decides). */
    public Lookup<List<Slice<CancellationsRow>>> cancellationsHere(Optional<String> month, Page<CancellationsRow> page,
                                                                   boolean allowStandby) {
        return state.<Cancellations, CancellationsRow>scan(AnalyticsTopology.CANCELLATIONS_STORE, page, allowStandby,
                (key, c) -> c == null || month.isPresent() && !key.equals(month.get()) ? null : cancellationsRow(key, c));
    }

    private static CancellationsRow cancellationsRow(String month, Cancellations c) {
        return new CancellationsRow(month, c.placed(), c.cancelled(), c.rate());
    }

    public CompletableFuture<Lookup<Streamed<CancellationsRow>>> cancellations(Optional<String> month, Caller caller) {
        return summed(AnalyticsTopology.CANCELLATIONS_STORE, cancellationsOrder,
                page -> cancellationsHere(month, page, true),
                slices -> new PeerQuery.CancellationsReport(month.orElse(null), slices), caller,
                CancellationsRow::month,
                (a, b) -> cancellationsRow(a.month(), new Cancellations(a.placed() + b.placed(),
                        a.cancelled() + b.cancelled())));
    }

    /** This instance's parts of the customers (repeat and class as the part alone would have them: the sum decides). */
    public Lookup<List<Slice<CustomerRow>>> customersHere(Page<CustomerRow> page, boolean allowStandby) {
        return state.<CustomerStats, CustomerRow>scan(AnalyticsTopology.CUSTOMERS_STORE, page, allowStandby, (key, c) -> {
            if (c == null) {
                return null;
            }
            CurrencyKeys.Split customer = CurrencyKeys.split(key);
            return customerRow(customer.value(), customer.currency(), c);
        });
    }

    public CompletableFuture<Lookup<Streamed<CustomerRow>>> customers(Caller caller) {
        return summed(AnalyticsTopology.CUSTOMERS_STORE, customersOrder, page -> customersHere(page, true),
                PeerQuery.CustomersReport::new, caller, row -> List.of(row.customerId(), row.currency()),
                (a, b) -> customerRow(a.customerId(), a.currency(), stats(a).plus(stats(b))),
                row -> customerRow(row.customerId(), row.currency(), stats(row)), customersOrder);
    }

    /** A customer's row in one currency; its class is the one its customer record sets, when it sets one, else worked out. */
    private CustomerRow customerRow(String id, String currency, CustomerStats c) {
        String customerClass = state.<io.orderflow.avro.CustomerRecord>global(
                        io.orderflow.streams.customer.CustomerTopology.CUSTOMERS_STORE, id)
                .map(io.orderflow.avro.CustomerRecord::getCustomerClass)
                .map(Enum::name)
                .orElseGet(() -> c.customerClass(settings).name());
        return new CustomerRow(id, currency, c.figures().orders(), c.figures().units(), c.figures().revenue(),
                c.firstOrderDate(), c.lastOrderDate(), c.repeat(), customerClass);
    }

    private static CustomerStats stats(CustomerRow row) {
        return new CustomerStats(figures(row.orders(), row.units(), row.revenue()), row.firstOrderDate(),
                row.lastOrderDate());
    }

    /** This instance's parts of the cycle times, histograms and all: percentiles are worked out from the sum. */
    public Lookup<List<Slice<CycleTimesPart>>> cycleTimesHere(Optional<String> month, Page<CycleTimesPart> page,
                                                              boolean allowStandby) {
        return state.<CycleTimes, CycleTimesPart>scan(AnalyticsTopology.CYCLE_TIMES_STORE, page, allowStandby, (key, c) -> {
            int bar = key.indexOf('|');
            if (c == null || bar < 0 || month.isPresent() && !key.substring(0, bar).equals(month.get())) {
                return null;
            }
            return new CycleTimesPart(key.substring(0, bar), key.substring(bar + 1), c);
        });
    }

    public CompletableFuture<Lookup<Streamed<CycleTimeRow>>> cycleTimes(Optional<String> month, Caller caller) {
        return summed(AnalyticsTopology.CYCLE_TIMES_STORE, cycleTimesPartOrder, page -> cycleTimesHere(month, page, true),
                slices -> new PeerQuery.CycleTimesReport(month.orElse(null), slices), caller,
                part -> List.of(part.month(), part.stage()),
                (a, b) -> new CycleTimesPart(a.month(), a.stage(), a.times().plus(b.times())),
                part -> new CycleTimeRow(part.month(), part.stage(), part.times().count(), part.times().mean().toMillis(),
                        part.times().p50().toMillis(), part.times().p90().toMillis()),
                cycleTimesOrder);
    }

    /** A row of {@code dimension} from a key's {@code <value>|<currency>} part. */
    private static SalesRow row(String dimension, String valueAndCurrency, String period, SalesFigures f) {
        CurrencyKeys.Split value = CurrencyKeys.split(valueAndCurrency);
        return row(dimension, value.value(), value.currency(), period, f);
    }

    private static SalesRow row(String dimension, String key, String currency, String period, SalesFigures f) {
        return new SalesRow(dimension, key, currency, period, f.orders(), f.units(), f.revenue(),
                f.averageOrderValue());
    }

    /** One value's sales in one currency and period: what the parts of a row add up per. */
    private static List<String> salesIdentity(SalesRow row) {
        return List.of(row.key(), row.currency(), row.period());
    }

    private static SalesFigures figures(long orders, long units, BigDecimal revenue) {
        return new SalesFigures(orders, units, revenue);
    }

    /** One key's sales in one period from two parts (buckets, or partitions), its average order value from the sum. */
    private static SalesRow plus(SalesRow a, SalesRow b) {
        return row(a.dimension(), a.key(), a.currency(), a.period(),
                figures(a.orders(), a.units(), a.revenue()).plus(figures(b.orders(), b.units(), b.revenue())));
    }

    /** The buckets of a rolling window summed per key and period. */
    /**
     * This instance's part of the receivables as of {@code asOf}: its orders that owe, added up per customer and
     * currency in each partition. Reads every order of the partitions held here: a report, asked now and then.
     */
    public Lookup<List<Slice<ReceivableRow>>> receivablesHere(Instant asOf, Page<ReceivableRow> page,
                                                              boolean allowStandby) {
        Lookup<List<Slice<ReceivableRow>>> parts = state.<OrderState, ReceivableRow>scan(
                OrderLifecycleTopology.ORDERS_STORE, allowStandby,
                (id, order) -> order == null ? null : Receivables.part(order, asOf).orElse(null));
        return paged(summedPerSlice(parts, row -> List.of(row.customerId(), row.currency()), Receivables::plus), page);
    }

    /** 应收账款账龄: what each customer owes per currency as of {@code asOf}, aged in buckets. */
    public CompletableFuture<Lookup<Streamed<ReceivableRow>>> receivables(Instant asOf, Caller caller) {
        return summed(OrderLifecycleTopology.ORDERS_STORE, receivablesOrder, page -> receivablesHere(asOf, page, true),
                slices -> new PeerQuery.ReceivablesReport(asOf, slices), caller,
                row -> List.of(row.customerId(), row.currency()), Receivables::plus);
    }

    /** Each partition's rows of one {@code identity} added up ({@code plus}) within the partition. */
    private static <T, K> Lookup<List<Slice<T>>> summedPerSlice(Lookup<List<Slice<T>>> rows, Function<T, K> identity,
                                                               BinaryOperator<T> plus) {
        if (!(rows instanceof Lookup.Found<List<Slice<T>>> found)) {
            return rows;
        }
        return new Lookup.Found<>(found.value().stream().map(s -> {
            Map<K, T> sums = new LinkedHashMap<>();
            s.items().forEach(row -> sums.merge(identity.apply(row), row, plus));
            return new Slice<>(s.partition(), s.active(), s.lag(), new ArrayList<>(sums.values()));
        }).toList(), found.lag());
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
