package io.orderflow.streams.query.view;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The rows of the analytics answers and reports (JSON and export alike). Money exact, durations in millis. */
public final class Rows {

    private Rows() {
    }

    /** Sales of one dimension value in one period ({@code period} is the window, a day or a month). */
    public record SalesRow(String dimension, String key, String period, long orders, long units, BigDecimal revenue,
                           BigDecimal averageOrderValue) {
    }

    /** 月度订单汇总: one customer's or category's month. */
    public record MonthlyRow(String month, String dimension, String key, long orders, long units, BigDecimal revenue) {
    }

    /** 订单履约率: delivered orders of a month and the share delivered on or before the expected date. */
    public record FulfilmentRow(String month, String dimension, String key, long delivered, long onTime,
                                BigDecimal rate) {
    }

    /** 客户订单频次: a customer's figures, order dates of the first and last counted order, repeat customer, class. */
    public record CustomerRow(String customerId, long orders, long units, BigDecimal revenue,
                              LocalDate firstOrderDate, LocalDate lastOrderDate, boolean repeat, String customerClass) {
    }

    /** Orders placed in a month (by their own date), orders cancelled in it (by the cancellation's day), the rate. */
    public record CancellationsRow(String month, long placed, long cancelled, BigDecimal cancellationRate) {
    }

    /** One stage of the order cycle in a month. */
    public record CycleTimeRow(String month, String stage, long count, long meanMillis, long p50Millis,
                               long p90Millis) {
    }
}
