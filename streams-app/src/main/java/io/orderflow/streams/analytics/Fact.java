package io.orderflow.streams.analytics;

import java.util.List;

/**
 * What one order event contributes to the figures, handed from {@link OrderFactsProcessor} to
 * {@link AnalyticsAggregator} in the same task (never serialized), keyed by {@link #key()}: the
 * dimension or report key whose figures it changes.
 */
sealed interface Fact {

    String key();

    /**
     * A signed sale delta for one dimension value at business time {@code at}; {@code late} lists the
     * granularities whose bucket had closed at {@code streamTime}.
     */
    record Sale(String orderId, String dimension, String value, long at, SalesFigures figures,
                long streamTime, List<Granularity> late) implements Fact {

        @Override
        public String key() {
            return dimension + "|" + value;
        }
    }

    /** An order delivered (first time), on time or not, in a month, counted for one dimension value. */
    record Delivery(String month, String dimension, String value, boolean onTime) implements Fact {

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

    /** An order placed or cancelled in a month. */
    record Placement(String month, int placed, int cancelled) implements Fact {

        @Override
        public String key() {
            return month;
        }
    }
}
