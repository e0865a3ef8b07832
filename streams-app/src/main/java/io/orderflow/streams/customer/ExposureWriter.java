package io.orderflow.streams.customer;

import io.orderflow.avro.CreditLimit;
import io.orderflow.avro.CustomerExposure;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.OrderState;
import io.orderflow.streams.order.OrderChange;
import java.math.BigDecimal;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes an order's part of its customer's open receivables when it differs from what was last published: the
 * customer's credit limit comes from {@value CustomerTopology#CUSTOMERS_STORE}, the part published from
 * {@value CustomerTopology#EXPOSURE_STORE} (both global). An order of a customer without a limit, with nothing
 * published, writes nothing. An amendment that names another customer takes the part away from the first.
 */
final class ExposureWriter implements Processor<String, OrderChange, String, CustomerExposure> {

    private ProcessorContext<String, CustomerExposure> context;
    private KeyValueStore<String, CustomerRecord> customers;
    private KeyValueStore<String, CustomerExposure> published;

    @Override
    public void init(ProcessorContext<String, CustomerExposure> context) {
        this.context = context;
        this.customers = context.getStateStore(CustomerTopology.CUSTOMERS_STORE);
        this.published = context.getStateStore(CustomerTopology.EXPOSURE_STORE);
    }

    @Override
    public void process(Record<String, OrderChange> record) {
        OrderState before = record.value().before();
        OrderState after = record.value().after();
        if (after == null) {
            // archived (the monthly archive takes finished orders only): it owes nothing any more
            if (before != null) {
                publish(record, before, customerId(before), BigDecimal.ZERO);
            }
            return;
        }
        if (before != null && !customerId(before).equals(customerId(after))) {
            publish(record, before, customerId(before), BigDecimal.ZERO);
        }
        CustomerRecord customer = customers.get(customerId(after));
        CreditLimit limit = customer == null ? null : customer.getCreditLimit();
        publish(record, after, customerId(after), Exposure.open(after, limit));
    }

    private void publish(Record<String, OrderChange> record, OrderState order, String customerId, BigDecimal open) {
        String key = Exposure.key(customerId, order.getOrderId());
        CustomerExposure last = published.get(key);
        if (open.signum() == 0) {
            if (last != null) {
                context.forward(record.withKey(key).withValue(null));
            }
            return;
        }
        if (last != null && last.getOpen().compareTo(open) == 0 && Objects.equals(last.getCurrency(),
                order.getCurrency())) {
            return;
        }
        context.forward(record.withKey(key).withValue(new CustomerExposure(customerId, order.getOrderId(), open,
                order.getCurrency(), order.getUpdatedAt())));
    }

    private static String customerId(OrderState order) {
        return order.getCustomer().getId();
    }
}
