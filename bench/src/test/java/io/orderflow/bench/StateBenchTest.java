package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's reading of the streams-app's log and its order keys: no app or broker runs here. */
class StateBenchTest {

    @Test
    void shouldTimeTheFirstRebalancingToTheFirstRunningFromTheAppsLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, """
                23:59:58.100 INFO  [main] i.o.s.StreamsApp - streams CREATED -> REBALANCING
                23:59:59.000 INFO  [main] i.o.s.StreamsApp - something else -> RUNNING
                00:00:10.350 INFO  [t-1] i.o.s.StreamsApp - streams REBALANCING -> RUNNING
                00:00:20.000 INFO  [t-1] i.o.s.StreamsApp - streams RUNNING -> REBALANCING
                00:00:21.000 INFO  [t-1] i.o.s.StreamsApp - streams REBALANCING -> RUNNING
                """);

        // across midnight, and the first RUNNING after the first REBALANCING only
        assertThat(StateBench.rebalancingToRunning(log)).isCloseTo(12.25, within(1e-9));
    }

    @Test
    void shouldReadTheTransitionsFromTheAppsJsonLog(@TempDir Path dir) throws Exception {
        // LOG_FORMAT=json, the app's default: logback's JsonEncoder, epoch milliseconds
        Path log = dir.resolve("app.log");
        Files.writeString(log, """
                {"sequenceNumber":0,"timestamp":1763812155389,"nanoseconds":389000000,"level":"INFO","threadName":"main","loggerName":"io.orderflow.streams.StreamsApp","message":"streams CREATED -> REBALANCING"}
                {"sequenceNumber":1,"timestamp":1763812160000,"nanoseconds":0,"level":"INFO","threadName":"main","loggerName":"io.orderflow.streams.RestoreProgress","message":"restored 10 records"}
                {"sequenceNumber":2,"timestamp":1763812176732,"nanoseconds":732000000,"level":"INFO","threadName":"t-1","loggerName":"io.orderflow.streams.StreamsApp","message":"streams REBALANCING -> RUNNING"}
                """);

        assertThat(StateBench.rebalancingToRunning(log)).isCloseTo(21.343, within(1e-9));
    }

    @Test
    void shouldReadTheTransitionsFromTheAppsTextLog(@TempDir Path dir) throws Exception {
        // LOG_FORMAT=text: ISO 8601 dates with a comma before the milliseconds
        Path log = dir.resolve("app.log");
        Files.writeString(log, """
                2026-11-22 13:09:15,389 INFO  [main] i.o.s.StreamsApp - streams CREATED -> REBALANCING
                2026-11-22 13:09:36,732 INFO  [t-1] i.o.s.StreamsApp - streams REBALANCING -> RUNNING
                """);

        assertThat(StateBench.rebalancingToRunning(log)).isCloseTo(21.343, within(1e-9));
    }

    @Test
    void shouldSayNothingWhenTheAppNeverRan(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "10:00:00.000 INFO  [main] i.o.s.StreamsApp - streams CREATED -> REBALANCING\n");

        assertThat(StateBench.rebalancingToRunning(log)).isNaN();
    }

    @Test
    void shouldPartitionKeysAsKafkasDefaultPartitionerAndWriteTheSameOrderEveryTime() {
        // as the producer's built-in partitioner places a keyed record (the gateway's, the changelog writer's)
        int[] counts = new int[6];
        for (int i = 0; i < 6000; i++) {
            String id = OrderStates.orderId(i);
            int partition = OrderStates.partition(id, 6);
            assertThat(partition).isEqualTo(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), 6));
            counts[partition]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(800, 1200);
        }
        assertThat(OrderStates.order(42)).isEqualTo(OrderStates.order(42));
        assertThat(OrderStates.order(42).getOrderId()).isEqualTo("S-000000042");
        assertThat(OrderStates.order(42)).isNotEqualTo(OrderStates.order(43));
    }
}
