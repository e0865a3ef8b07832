package io.orderflow.streams.refusals;

import io.orderflow.avro.OrderRefusals;
import io.orderflow.avro.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends each refusal to its order's list, the oldest dropped beyond {@value #KEPT}: an order's page needs the
 * latest refusals, and a client repeating a refused command cannot grow the store without bound. The same
 * refusal read twice (a command id refused again with the same code at the same time) is kept once.
 */
final class RefusalKeeper implements Processor<String, Refusal, Void, Void> {

    /** How many refusals an order keeps. */
    static final int KEPT = 20;

    private final String storeName;
    private KeyValueStore<String, OrderRefusals> store;

    RefusalKeeper(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Refusal> record) {
        OrderRefusals kept = store.get(record.key());
        List<Refusal> refusals = kept == null ? new ArrayList<>() : new ArrayList<>(kept.getRefusals());
        Refusal refusal = record.value();
        if (refusals.stream().anyMatch(seen -> same(seen, refusal))) {
            return;
        }
        refusals.add(refusal);
        if (refusals.size() > KEPT) {
            refusals = new ArrayList<>(refusals.subList(refusals.size() - KEPT, refusals.size()));
        }
        store.put(record.key(), new OrderRefusals(refusals));
    }

    private static boolean same(Refusal a, Refusal b) {
        return a.getCommandId().equals(b.getCommandId()) && a.getCode().equals(b.getCode())
                && a.getAt().equals(b.getAt());
    }
}
