package io.orderflow.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.Json;
import io.orderflow.avro.OrderState;
import io.orderflow.streams.Topics;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.query.view.Audience;
import io.orderflow.streams.query.view.Views;
import io.orderflow.streams.query.view.Views.OrderView;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The work an order GET cannot skip beyond what the framework does, timed alone: decoding the order's stored
 * bytes (the store's own Avro serde), building its view, writing that view as JSON (the query API's mapper). Each
 * part on one thread of the bench's JVM, warmed up, in CPU time per order, over the orders the GETs walk. Set
 * against figure 4's floor, it says how near 0.8 × any order GET on this framework can come here.
 */
final class ReadWork {

    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final long MEASURE_NANOS = 2_000_000_000L;
    /** Where the measured work's results end up, so that it has an effect the JIT must keep. */
    static volatile long blackhole;

    private ReadWork() {
    }

    /** CPU time per order, in microseconds, of each part. */
    record Result(double decodeMicros, double viewMicros, double jsonMicros) {

        double totalMicros() {
            return decodeMicros + viewMicros + jsonMicros;
        }
    }

    static Result measure(Topics topics, List<Integer> orders) {
        String topic = OrderLifecycleTopology.statesTopic("bench");
        Serializer<OrderState> serializer = topics.orderStates().serializer();
        Deserializer<OrderState> deserializer = topics.orderStates().deserializer();
        ObjectMapper json = Json.tolerant();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int n = orders.size();
        byte[][] stored = new byte[n][];
        OrderState[] states = new OrderState[n];
        OrderView[] views = new OrderView[n];
        for (int i = 0; i < n; i++) {
            stored[i] = serializer.serialize(topic, OrderStates.order(orders.get(i)));
            states[i] = deserializer.deserialize(topic, stored[i]);
            views[i] = Views.order(states[i], Audience.FULL, today);
        }
        long[] sink = new long[1]; // results are used (see blackhole), so the JIT cannot drop the work
        IntConsumer decode = i -> sink[0] += deserializer.deserialize(topic, stored[i]).getLines().size();
        IntConsumer view = i -> sink[0] += Views.order(states[i], Audience.FULL, today).hashCode();
        IntConsumer write = i -> {
            try {
                sink[0] += json.writeValueAsBytes(views[i]).length;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        };
        IntConsumer all = i -> {
            decode.accept(i);
            view.accept(i);
            write.accept(i);
        };
        run(all, n, WARM_UP_NANOS);
        Result result = new Result(run(decode, n, MEASURE_NANOS), run(view, n, MEASURE_NANOS), run(write, n, MEASURE_NANOS));
        blackhole = sink[0];
        return result;
    }

    /** Runs {@code part} over the orders round and round for about {@code nanos}; CPU microseconds per call. */
    private static double run(IntConsumer part, int n, long nanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() - start < nanos) {
            for (int i = 0; i < n; i++) {
                part.accept(i);
            }
            calls += n;
        }
        return (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / calls;
    }
}
