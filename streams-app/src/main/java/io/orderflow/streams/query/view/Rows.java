package io.orderflow.streams.query.view;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The rows of the analytics answers and reports (JSON and export alike). Money exact, durations in millis. */
public final class Rows {

    private Rows() {
    }

    /**
     * Sales of one dimension value in one currency and period ({@code period} is the window, a day or a month):
     * figures are kept per currency, never added across currencies.
     */
    public record SalesRow(String dimension, String key, String currency, String period, long orders, long units,
                           BigDecimal revenue, BigDecimal averageOrderValue) {
    }

    /** 月度订单汇总: one customer's or category's month, in one currency. */
    public record MonthlyRow(String month, String dimension, String key, String currency, long orders, long units,
                             BigDecimal revenue) {
    }

    /** 订单履约率: delivered orders of a month and the share delivered on or before the expected date. */
    public record FulfilmentRow(String month, String dimension, String key, long delivered, long onTime,
                                BigDecimal rate, long onTimeToFirstPromise, BigDecimal rateToFirstPromise) {
    }

    /**
     * 客户订单频次: a customer's figures in one currency (a customer buying in two has a row in each), order dates
     * of the first and last counted order, repeat customer, class (from that currency's figures).
     */
    public record CustomerRow(String customerId, String currency, long orders, long units, BigDecimal revenue,
                              LocalDate firstOrderDate, LocalDate lastOrderDate, boolean repeat, String customerClass) {
    }

    /**
     * 应收账款账龄: what one customer owes in one currency, by how long it is overdue as of the report's time:
     * not yet due, 1–30, 31–60, 61–90 and over 90 days; {@code orders} owing, {@code outstanding} the sum.
     */
    public record ReceivableRow(String customerId, String customerName, String currency, long orders,
                                BigDecimal notYetDue, BigDecimal overdue1To30, BigDecimal overdue31To60,
                                BigDecimal overdue61To90, BigDecimal overdueOver90, BigDecimal outstanding) {
    }

    /** Orders placed in a month (by their own date), orders cancelled in it (by the cancellation's day), the rate. */
    public record CancellationsRow(String month, long placed, long cancelled, BigDecimal cancellationRate) {
    }

    /** One stage of the order cycle in a month. */
    public record CycleTimeRow(String month, String stage, long count, long meanMillis, long p50Millis,
                               long p90Millis) {
    }
}
