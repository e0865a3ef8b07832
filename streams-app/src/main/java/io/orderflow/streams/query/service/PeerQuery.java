package io.orderflow.streams.query.service;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.orderflow.streams.query.service.AnalyticsQueries.CycleTimesPart;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Page;
import io.orderflow.streams.query.state.Slice;
import io.orderflow.streams.query.view.Rows.CustomerRow;
import io.orderflow.streams.query.view.Rows.CancellationsRow;
import io.orderflow.streams.query.view.Rows.FulfilmentRow;
import io.orderflow.streams.query.view.Rows.MonthlyRow;
import io.orderflow.streams.query.view.Rows.ReceivableRow;
import io.orderflow.streams.query.view.Rows.SalesRow;
import io.orderflow.streams.query.view.Views.AlertView;
import io.orderflow.streams.query.view.Views.HistoryView;
import io.orderflow.streams.query.view.Views.OrderView;
import io.orderflow.streams.query.view.Views.RefusalView;
import io.orderflow.streams.query.view.Views.StockView;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * What one instance asks another, answered from the other's own state only: a kind (the JSON property
 * {@code kind}) and its parameters, never a public route's path. A keyed kind answers the key's value where its
 * partition is held; a list's kind answers the slices of the partitions held there, a page of each. The caller's
 * restrictions (masking, a platform's own orders) are not parameters: the answering instance works them out again
 * from the caller's key. Each kind is answered by the same code the instance answers its own part with.
 *
 * @param <A> what the peer answers with when found
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PeerQuery.OneOrder.class, name = "order"),
        @JsonSubTypes.Type(value = PeerQuery.OrderHistory.class, name = "order-history"),
        @JsonSubTypes.Type(value = PeerQuery.OrderAlerts.class, name = "order-alerts"),
        @JsonSubTypes.Type(value = PeerQuery.OrderRefusals.class, name = "order-refusals"),
        @JsonSubTypes.Type(value = PeerQuery.OneStock.class, name = "stock-level"),
        @JsonSubTypes.Type(value = PeerQuery.OrderList.class, name = "orders"),
        @JsonSubTypes.Type(value = PeerQuery.ArchiveMonth.class, name = "archive-month"),
        @JsonSubTypes.Type(value = PeerQuery.StockList.class, name = "stock"),
        @JsonSubTypes.Type(value = PeerQuery.AlertList.class, name = "alerts"),
        @JsonSubTypes.Type(value = PeerQuery.SalesList.class, name = "sales"),
        @JsonSubTypes.Type(value = PeerQuery.MonthlyReport.class, name = "report-monthly"),
        @JsonSubTypes.Type(value = PeerQuery.FulfilmentReport.class, name = "report-fulfilment"),
        @JsonSubTypes.Type(value = PeerQuery.CustomersReport.class, name = "report-customers"),
        @JsonSubTypes.Type(value = PeerQuery.CycleTimesReport.class, name = "report-cycle-times"),
        @JsonSubTypes.Type(value = PeerQuery.ReceivablesReport.class, name = "report-receivables"),
        @JsonSubTypes.Type(value = PeerQuery.CancellationsReport.class, name = "report-cancellations")})
public sealed interface PeerQuery<A> {

    /** Every kind, by name. */
    static List<String> kinds() {
        return Arrays.stream(PeerQuery.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).toList();
    }

    /** The kind {@code query} is asked as. */
    static String kindOf(PeerQuery<?> query) {
        return Arrays.stream(PeerQuery.class.getAnnotation(JsonSubTypes.class).value())
                .filter(type -> type.value() == query.getClass())
                .map(JsonSubTypes.Type::name).findFirst().orElseThrow();
    }

    /** The type of a found answer, to read a peer's. */
    JavaType answerType(TypeFactory types);

    /** The answer from this instance's state, for {@code caller} (as the peer's key makes it out). */
    CompletableFuture<Lookup<A>> answer(Here here, Caller caller);

    /** Whether the answer may wait on the peer (for a write, for a status), longer than a read takes. */
    default boolean waits() {
        return false;
    }

    /** The services that answer a question from this instance's state. */
    record Here(OrderQueries orders, StockQueries stock, AlertQueries alerts, AnalyticsQueries analytics) {
    }

    /**
     * Which slices a list's question asks for: of the partitions held there ({@code partitions}, every one when
     * empty), a standby's copy too when {@code standby}; of each the first {@code size} rows (all when null) strictly
     * after {@code after}, a position in the list's order this API gave out.
     */
    record Slices(boolean standby, Set<Integer> partitions, Integer size, String after) {

        /** The most rows one page of a partition may hold (instances ask {@link FanOut#PAGE_SIZE}). */
        public static final int MOST = 10_000;

        public Slices {
            partitions = partitions == null ? Set.of() : Set.copyOf(partitions);
        }

        /** Every row of every partition held there, standbys' when {@code standby}. */
        public static Slices whole(boolean standby) {
            return new Slices(standby, Set.of(), null, null);
        }

        /** The first page of every partition held there, standbys' included, after {@code start} if any. */
        static Slices first(int size, Optional<String> start) {
            return new Slices(true, Set.of(), size, start.orElse(null));
        }

        /** The next page of one partition, after the position of its last row. */
        static Slices next(int partition, String position, int size) {
            return new Slices(true, Set.of(partition), size, position);
        }

        /** These slices as a page of a list in {@code ordering}; a wrong part is a 400 naming it. */
        <T> Page<T> page(Ordering<T> ordering) {
            if (size != null && (size < 1 || size > MOST)) {
                throw new QueryException.Invalid("slices.size", "a whole number from 1 to " + MOST);
            }
            if (partitions.stream().anyMatch(p -> p < 0)) {
                throw new QueryException.Invalid("slices.partitions", "partition numbers");
            }
            Predicate<T> from = row -> true;
            if (after != null) {
                try {
                    from = ordering.after(after);
                } catch (QueryException.Invalid e) {
                    throw new QueryException.Invalid("slices.after", "not a position this API gave out");
                }
            }
            return size == null ? new Page<>(partitions, from, null, Integer.MAX_VALUE)
                    : new Page<>(partitions, from, ordering.comparator(), size);
        }
    }

    private static JavaType slicesOf(TypeFactory types, Class<?> item) {
        return types.constructCollectionType(List.class, types.constructParametricType(Slice.class, item));
    }

    private static <T> CompletableFuture<Lookup<T>> now(Lookup<T> answer) {
        return CompletableFuture.completedFuture(answer);
    }

    private static Optional<String> optional(String value) {
        return Optional.ofNullable(value);
    }

    /** One order as its body, with its active alerts when they are open to the caller. */
    record OneOrder(OrderKey key) implements PeerQuery<OrderView> {

        public OneOrder {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return types.constructType(OrderView.class);
        }

        @Override
        public CompletableFuture<Lookup<OrderView>> answer(Here here, Caller caller) {
            return here.orders().viewHere(key, caller);
        }

        @Override
        public boolean waits() {
            return key.waits();
        }
    }

    /** One order's history. */
    record OrderHistory(OrderKey key) implements PeerQuery<List<HistoryView>> {

        public OrderHistory {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return types.constructCollectionType(List.class, HistoryView.class);
        }

        @Override
        public CompletableFuture<Lookup<List<HistoryView>>> answer(Here here, Caller caller) {
            return here.orders().historyHere(key, caller);
        }

        @Override
        public boolean waits() {
            return key.waits();
        }
    }

    /** The active alerts of one order, newest first, asked of the instance that holds the order's partition. */
    record OrderAlerts(String orderId) implements PeerQuery<List<AlertView>> {

        public OrderAlerts {
            Objects.requireNonNull(orderId, "orderId");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return types.constructCollectionType(List.class, AlertView.class);
        }

        @Override
        public CompletableFuture<Lookup<List<AlertView>>> answer(Here here, Caller caller) {
            return now(here.alerts().ofOrderHere(orderId));
        }
    }

    /**
     * The commands refused for one order, newest first, asked of the instance that holds its partition of the
     * refusals' store (a standby's copy too when {@code standby}). The asking instance has checked that the caller
     * may read the order.
     */
    record OrderRefusals(String orderId, boolean standby) implements PeerQuery<List<RefusalView>> {

        public OrderRefusals {
            Objects.requireNonNull(orderId, "orderId");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return types.constructCollectionType(List.class, RefusalView.class);
        }

        @Override
        public CompletableFuture<Lookup<List<RefusalView>>> answer(Here here, Caller caller) {
            return now(here.orders().refusalsHere(orderId, standby));
        }
    }

    /** The stock of one SKU. */
    record OneStock(String sku, boolean standby) implements PeerQuery<StockView> {

        public OneStock {
            Objects.requireNonNull(sku, "sku");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return types.constructType(StockView.class);
        }

        @Override
        public CompletableFuture<Lookup<StockView>> answer(Here here, Caller caller) {
            return now(here.stock().stockHere(sku, standby));
        }
    }

    /**
     * The orders that pass {@code filter}, newest first, each coloured by its active alerts (kept with it, so the
     * instance that holds an order's partition answers both); the filter's platform is the caller's, whatever it says.
     */
    record OrderList(OrderFilter filter, Slices slices) implements PeerQuery<List<Slice<OrderView>>> {

        public OrderList {
            filter = filter == null ? OrderFilter.ALL : filter;
            Objects.requireNonNull(slices, "slices");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, OrderView.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<OrderView>>>> answer(Here here, Caller caller) {
            return now(here.orders().here(filter, caller, slices.page(Paging.ORDERS), slices.standby()));
        }
    }

    /** The orders archived under {@code month} ({@code yyyy-MM}), newest first, as the caller may read them. */
    record ArchiveMonth(String month, Slices slices) implements PeerQuery<List<Slice<OrderView>>> {

        public ArchiveMonth {
            Objects.requireNonNull(slices, "slices");
            if (month == null || !month.matches("\\d{4}-(0[1-9]|1[0-2])")) {
                throw new QueryException.Invalid("month", "a month as yyyy-MM");
            }
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, OrderView.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<OrderView>>>> answer(Here here, Caller caller) {
            return now(here.orders().archivedHere(month, caller, slices.page(Paging.ORDERS), slices.standby()));
        }
    }

    /** Stock by SKU, only that under its reorder point when {@code belowReorder}. */
    record StockList(boolean belowReorder, Slices slices) implements PeerQuery<List<Slice<StockView>>> {

        public StockList {
            Objects.requireNonNull(slices, "slices");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, StockView.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<StockView>>>> answer(Here here, Caller caller) {
            StockQueries stock = here.stock();
            return now(stock.here(belowReorder, slices.page(stock.ordering), slices.standby()));
        }
    }

    /** Active alerts, newest first, of one {@code type} and one order when given. */
    record AlertList(String type, String orderId, Slices slices) implements PeerQuery<List<Slice<AlertView>>> {

        public AlertList {
            Objects.requireNonNull(slices, "slices");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, AlertView.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<AlertView>>>> answer(Here here, Caller caller) {
            AlertQueries alerts = here.alerts();
            return now(alerts.here(optional(type), optional(orderId), slices.page(alerts.ordering), slices.standby()));
        }
    }

    /** This instance's parts of sales by {@code by} over {@code window} ({@link AnalyticsQueries.SalesQuery}). */
    record SalesList(String by, String window, Instant asOf, String period, Slices slices)
            implements PeerQuery<List<Slice<SalesRow>>> {

        public SalesList {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(asOf, "asOf");
            Objects.requireNonNull(slices, "slices");
        }

        static SalesList of(AnalyticsQueries.SalesQuery query, Slices slices) {
            return new SalesList(query.by(), query.window(), query.asOf(), query.period().orElse(null), slices);
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, SalesRow.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<SalesRow>>>> answer(Here here, Caller caller) {
            AnalyticsQueries analytics = here.analytics();
            return now(analytics.salesHere(new AnalyticsQueries.SalesQuery(by, window, asOf, optional(period)),
                    slices.page(analytics.salesOrder), slices.standby()));
        }
    }

    /** This instance's parts of the monthly summary, of one {@code month} and dimension ({@code by}) when given. */
    record MonthlyReport(String month, String by, Slices slices) implements PeerQuery<List<Slice<MonthlyRow>>> {

        public MonthlyReport {
            Objects.requireNonNull(slices, "slices");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, MonthlyRow.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<MonthlyRow>>>> answer(Here here, Caller caller) {
            AnalyticsQueries analytics = here.analytics();
            return now(analytics.monthlyHere(optional(month), optional(by), slices.page(analytics.monthlyOrder),
                    slices.standby()));
        }
    }

    /** This instance's parts of the fulfilment report, of one {@code month} and dimension ({@code by}) when given. */
    record FulfilmentReport(String month, String by, Slices slices) implements PeerQuery<List<Slice<FulfilmentRow>>> {

        public FulfilmentReport {
            Objects.requireNonNull(slices, "slices");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, FulfilmentRow.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<FulfilmentRow>>>> answer(Here here, Caller caller) {
            AnalyticsQueries analytics = here.analytics();
            return now(analytics.fulfilmentHere(optional(month), optional(by), slices.page(analytics.fulfilmentOrder),
                    slices.standby()));
        }
    }

    /** This instance's parts of the cancellations report, of one {@code month} when given. */
    record CancellationsReport(String month, Slices slices) implements PeerQuery<List<Slice<CancellationsRow>>> {

        public CancellationsReport {
            Objects.requireNonNull(slices, "slices");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, CancellationsRow.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<CancellationsRow>>>> answer(Here here, Caller caller) {
            AnalyticsQueries analytics = here.analytics();
            return now(analytics.cancellationsHere(optional(month), slices.page(analytics.cancellationsOrder),
                    slices.standby()));
        }
    }

    /** This instance's parts of the customers report. */
    record CustomersReport(Slices slices) implements PeerQuery<List<Slice<CustomerRow>>> {

        public CustomersReport {
            Objects.requireNonNull(slices, "slices");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, CustomerRow.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<CustomerRow>>>> answer(Here here, Caller caller) {
            AnalyticsQueries analytics = here.analytics();
            return now(analytics.customersHere(slices.page(analytics.customersOrder), slices.standby()));
        }
    }

    /** This instance's parts of the cycle times, histograms and all, of one {@code month} when given. */
    record CycleTimesReport(String month, Slices slices) implements PeerQuery<List<Slice<CycleTimesPart>>> {

        public CycleTimesReport {
            Objects.requireNonNull(slices, "slices");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, CycleTimesPart.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<CycleTimesPart>>>> answer(Here here, Caller caller) {
            AnalyticsQueries analytics = here.analytics();
            return now(analytics.cycleTimesHere(optional(month), slices.page(analytics.cycleTimesPartOrder),
                    slices.standby()));
        }
    }

    /** This instance's parts of the receivables as of {@code asOf}: per partition, per customer and currency. */
    record ReceivablesReport(Instant asOf, Slices slices) implements PeerQuery<List<Slice<ReceivableRow>>> {

        public ReceivablesReport {
            Objects.requireNonNull(asOf, "asOf");
            Objects.requireNonNull(slices, "slices");
        }

        @Override
        public JavaType answerType(TypeFactory types) {
            return slicesOf(types, ReceivableRow.class);
        }

        @Override
        public CompletableFuture<Lookup<List<Slice<ReceivableRow>>>> answer(Here here, Caller caller) {
            AnalyticsQueries analytics = here.analytics();
            return now(analytics.receivablesHere(asOf, slices.page(analytics.receivablesOrder), slices.standby()));
        }
    }
}
