package io.orderflow.streams.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * What one order event contributes to the figures, handed from {@link OrderFactsProcessor} to
 * {@link AnalyticsAggregator} in the same task (never serialized), keyed by {@link #key()}: the
 * dimension or report key whose figures it changes.
 */
sealed interface Fact {

    String key();

    /**
     * A signed sale delta for one dimension value in one currency (the order's): it happened at {@code at} (an
     * approval, a cancellation, a return), the time the rolling figures count it at, and is booked on
     * {@code day}, the calendar day the daily, monthly and report figures count it on (the order's own date for
     * an order counted, the day of {@code at} for what a cancellation or return takes out). {@code late} lists
     * the rolling granularities whose bucket had closed at {@code streamTime}.
     */
    record Sale(String orderId, String dimension, String value, String currency, long at, LocalDate day,
                SalesFigures figures, long streamTime, List<Granularity> late) implements Fact {

        /** {@code <dimension>|<value>|<currency>}: figures are kept per currency ({@link CurrencyKeys}). */
        @Override
        public String key() {
            return dimension + "|" + CurrencyKeys.of(value, currency);
        }

        /** {@code <value>|<currency>}: the key of the value's figures in a store of one dimension. */
        public String valueKey() {
            return CurrencyKeys.of(value, currency);
        }
    }

    /**
     * An order delivered (first time), on time or not against the agreed date and against the first promised one,
     * counted in its own month for one dimension value.
     */
    record Delivery(String month, String dimension, String value, boolean onTime, boolean onTimeToFirstPromise)
            implements Fact {

        @Override
        public String key() {
            return month + "|" + dimension + "|" + value;
        }
    }

    /** One measured stage of the order cycle, ending in {@code month}. */
    record Cycle(String month, String stage, long millis) implements Fact {

        @Override
        public String key() {
            return month + "|" + stage;
        }
    }

    /** An order placed (counted in its own month) or cancelled (in the month of the cancellation). */
    record Placement(String month, int placed, int cancelled) implements Fact {

        @Override
        public String key() {
            return month;
        }
    }
}
