package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArchiveBenchTest {

    @Test
    void shouldReadTheHistoryWhileLiveAndOnlyTheLiveOrdersOnceTheArchiveHasTakenIt() {
        ArchiveBench.Cost cost = ArchiveBench.measure(3, 5);

        assertThat(cost.rowsBefore()).isEqualTo(8);
        assertThat(cost.rowsAfter()).isEqualTo(3);
        assertThat(cost.punctuations()).isPositive();
        assertThat(cost.afterMicros()).isPositive();
    }
}
