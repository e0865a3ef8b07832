package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.analytics.AnalyticsTopology;
import io.orderflow.streams.query.export.Tables;
import io.orderflow.streams.query.service.AnalyticsQueries;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/sales?by=&window=} (rolling 1h, 24h, 7d as of now or {@code asOf=}; per
 * {@code day} with optional {@code date=} or per {@code month} with optional {@code month=}) and
 * the reports {@code /v1/reports/monthly}, {@code fulfilment}, {@code customers}, {@code cycle-times},
 * {@code receivables}, {@code cancellations};
 * with a consistency token, once the aggregator reflects that write.
 */
public final class AnalyticsController {

    private final AnalyticsQueries analytics;
    private final Answers answers;
    private final Clock clock;

    public AnalyticsController(AnalyticsQueries analytics, Answers answers, Clock clock) {
        this.analytics = analytics;
        this.answers = answers;
        this.clock = clock;
    }

    public void sales(Context ctx) {
        String by = Params.oneOf(ctx, "by", AnalyticsQueries.DIMENSIONS).orElse("total");
        String window = Params.oneOf(ctx, "window", AnalyticsQueries.WINDOWS).orElse("24h");
        Optional<String> period = switch (window) {
            case "day" -> Params.date(ctx, "date").map(Object::toString);
            case "month" -> Params.month(ctx);
            default -> Optional.empty();
        };
        var query = new AnalyticsQueries.SalesQuery(by, window, Params.instant(ctx, "asOf").orElse(clock.instant()), period);
        Exports.format(ctx);
        var rows = answers.afterWrite(ctx, AnalyticsQueries.salesStore(window), () -> analytics.sales(query, Callers.of(ctx)));
        answers.list(ctx, rows, "sales-" + by + "-" + window, Tables.SALES);
    }

    public void monthly(Context ctx) {
        Optional<String> month = Params.month(ctx);
        Optional<String> by = Params.oneOf(ctx, "by", List.of("customer", "category"));
        Exports.format(ctx);
        var rows = answers.afterWrite(ctx, AnalyticsTopology.MONTHLY_BY_CUSTOMER_STORE,
                () -> analytics.monthly(month, by, Callers.of(ctx)));
        answers.list(ctx, rows, "report-monthly" + month.map(m -> "-" + m).orElse(""), Tables.MONTHLY);
    }

    public void fulfilment(Context ctx) {
        Optional<String> month = Params.month(ctx);
        Optional<String> by = Params.oneOf(ctx, "by", List.of("total", "channel", "carrier"));
        Exports.format(ctx);
        var rows = answers.afterWrite(ctx, AnalyticsTopology.FULFILMENT_STORE,
                () -> analytics.fulfilment(month, by, Callers.of(ctx)));
        answers.list(ctx, rows, "report-fulfilment" + month.map(m -> "-" + m).orElse(""),
                Tables.FULFILMENT);
    }

    public void customers(Context ctx) {
        Exports.format(ctx);
        var rows = answers.afterWrite(ctx, AnalyticsTopology.CUSTOMERS_STORE, () -> analytics.customers(Callers.of(ctx)));
        answers.list(ctx, rows, "report-customers", Tables.CUSTOMERS);
    }

    public void cancellations(Context ctx) {
        Optional<String> month = Params.month(ctx);
        Exports.format(ctx);
        var rows = answers.afterWrite(ctx, AnalyticsTopology.CANCELLATIONS_STORE,
                () -> analytics.cancellations(month, Callers.of(ctx)));
        answers.list(ctx, rows, "report-cancellations" + month.map(m -> "-" + m).orElse(""), Tables.CANCELLATIONS);
    }

    public void cycleTimes(Context ctx) {
        Optional<String> month = Params.month(ctx);
        Exports.format(ctx);
        var rows = answers.afterWrite(ctx, AnalyticsTopology.CYCLE_TIMES_STORE,
                () -> analytics.cycleTimes(month, Callers.of(ctx)));
        answers.list(ctx, rows, "report-cycle-times", Tables.CYCLE_TIMES);
    }

    /** 应收账款账龄 as of now (or {@code asOf=}), read from the orders' states. */
    public void receivables(Context ctx) {
        java.time.Instant asOf = Params.instant(ctx, "asOf").orElse(clock.instant());
        Exports.format(ctx);
        var rows = answers.afterWrite(ctx, io.orderflow.streams.order.OrderLifecycleTopology.ORDERS_STORE,
                () -> analytics.receivables(asOf, Callers.of(ctx)));
        answers.list(ctx, rows, "report-receivables", Tables.RECEIVABLES);
    }
}
