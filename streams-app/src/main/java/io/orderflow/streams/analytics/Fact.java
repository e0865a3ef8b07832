package io.orderflow.streams.analytics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What one order event contributes to the figures, keyed (on the {@code analytics-facts} repartition
 * topic) by {@link #partitionKey()} so that every store key it touches lives on that partition.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Fact.Sale.class, name = "sale"),
    @JsonSubTypes.Type(value = Fact.Delivery.class, name = "delivery"),
    @JsonSubTypes.Type(value = Fact.Cycle.class, name = "cycle"),
    @JsonSubTypes.Type(value = Fact.Placement.class, name = "placement")
})
sealed interface Fact {

    String partitionKey();

    /**
     * A signed sale delta for one dimension value at business time {@code at}; {@code late} lists the
     * granularities whose bucket had closed at {@code streamTime}.
     */
    record Sale(String orderId, String dimension, String value, long at, SalesFigures figures,
                long streamTime, List<Granularity> late) implements Fact {

        @Override
        public String partitionKey() {
            return dimension + "|" + value;
        }
    }

    /** An order delivered (first time), on time or not, in a month, counted for one dimension value. */
    record Delivery(String month, String dimension, String value, boolean onTime) implements Fact {

        @Override
        public String partitionKey() {
            return month + "|" + dimension + "|" + value;
        }
    }

    /** One measured stage of the order cycle, ending in {@code month}. */
    record Cycle(String month, String stage, long millis) implements Fact {

        @Override
        public String partitionKey() {
            return month + "|" + stage;
        }
    }

    /** An order placed or cancelled in a month. */
    record Placement(String month, int placed, int cancelled) implements Fact {

        @Override
        public String partitionKey() {
            return month;
        }
    }
}
