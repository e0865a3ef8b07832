package io.orderflow.streams.stock.partitioned;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-SKU and per-order machines under random delivery with duplicates and replays, one
 * seed per run. Many SKUs with few units and many small orders, so that orders contend.
 */
class StockSimulationTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldKeepEveryStockGuaranteeUnderAnyDelivery(long seed) {
        StockSimulation simulation = new StockSimulation(seed, 8, 40);

        simulation.run(3, 700);

        assertThat(simulation.redeliveries()).as("duplicates and replays were delivered").isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldKeepEveryStockGuaranteeWhenOrdersCrowdAFewSkus(long seed) {
        StockSimulation simulation = new StockSimulation(seed, 3, 24);

        simulation.run(3, 500);

        assertThat(simulation.redeliveries()).as("duplicates and replays were delivered").isPositive();
    }
}
