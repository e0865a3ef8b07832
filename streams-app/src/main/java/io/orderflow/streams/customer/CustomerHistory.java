package io.orderflow.streams.customer;

import io.orderflow.avro.CreditLimit;
import io.orderflow.avro.CustomerChange;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.PaymentTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Gives each customer record its history: compares it with the version before (kept in a store of its own, keyed by
 * customer id) and appends who, role, when, what changed and why. A version that changes nothing is not relayed.
 * Personal data (contact, phone, address) is named as changed, never copied into the text.
 */
final class CustomerHistory implements Processor<String, CustomerRecord, String, CustomerRecord> {

    /** The history keeps the latest changes; a record must stay small enough for the global store. */
    static final int MAX_CHANGES = 200;

    private final String storeName;
    private KeyValueStore<String, CustomerRecord> latest;
    private ProcessorContext<String, CustomerRecord> context;

    CustomerHistory(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, CustomerRecord> context) {
        this.context = context;
        this.latest = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, CustomerRecord> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            latest.delete(record.key());
            context.forward(record);
            return;
        }
        CustomerRecord before = latest.get(record.key());
        String changed = changes(before, record.value());
        if (changed.isEmpty()) {
            return;
        }
        CustomerRecord next = CustomerRecord.newBuilder(record.value()).setId(record.key()).build();
        List<CustomerChange> history = new ArrayList<>(before == null ? List.of() : before.getHistory());
        history.add(new CustomerChange(next.getUpdatedAt(), next.getUpdatedBy(), changed, next.getReason()));
        next.setHistory(history.size() > MAX_CHANGES
                ? new ArrayList<>(history.subList(history.size() - MAX_CHANGES, history.size()))
                : history);
        latest.put(record.key(), next);
        context.forward(record.withValue(next));
    }

    /** What {@code after} changes of {@code before} (null: a new record), without personal data; empty: nothing. */
    static String changes(CustomerRecord before, CustomerRecord after) {
        List<String> parts = new ArrayList<>();
        if (before == null) {
            parts.add("created");
        }
        plain(parts, "name", before == null ? null : before.getName(), after.getName());
        plain(parts, "class", before == null ? null : before.getCustomerClass(), after.getCustomerClass());
        plain(parts, "paymentTerms", before == null ? null : terms(before.getPaymentTerms()),
                terms(after.getPaymentTerms()));
        plain(parts, "creditLimit", before == null ? null : limit(before.getCreditLimit()),
                limit(after.getCreditLimit()));
        personal(parts, "contactName", before == null ? null : before.getContactName(), after.getContactName());
        personal(parts, "phone", before == null ? null : before.getPhone(), after.getPhone());
        personal(parts, "address", before == null ? null : before.getAddress(), after.getAddress());
        return before != null && parts.isEmpty() ? "" : String.join("; ", parts);
    }

    private static void plain(List<String> parts, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            parts.add(field + " " + (before == null ? "none" : before) + " -> " + (after == null ? "none" : after));
        }
    }

    private static void personal(List<String> parts, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            parts.add(field + (after == null ? " removed" : before == null ? " set" : " changed"));
        }
    }

    private static String terms(PaymentTerms terms) {
        return terms == null ? null : terms.getDueDays() + " days";
    }

    private static String limit(CreditLimit limit) {
        return limit == null ? null : limit.getAmount().toPlainString() + " " + limit.getCurrency();
    }
}
