package io.orderflow.streams.query.service;

import io.orderflow.avro.CustomerClass;
import io.orderflow.avro.CustomerExposure;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.streams.customer.CustomerTopology;
import io.orderflow.streams.customer.Exposure;
import io.orderflow.streams.query.state.StateReader;
import io.orderflow.streams.query.view.Views;
import io.orderflow.streams.query.view.Views.CustomerRecordView;
import io.orderflow.streams.query.view.Views.ReceivablesView;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The customer records ({@value CustomerTopology#CUSTOMERS_STORE}) and the open receivables of customers with a
 * credit limit ({@value CustomerTopology#EXPOSURE_STORE}): both global, so every instance answers from its own copy,
 * without asking another.
 */
public final class CustomerQueries {

    /** The most customers a list answer holds. */
    public static final int LIST_LIMIT = 5000;
    /** The most open orders of one customer added up for its view. */
    static final int OPEN_ORDERS_LIMIT = 100_000;

    private final StateReader state;

    public CustomerQueries(StateReader state) {
        this.state = state;
    }

    public Optional<CustomerRecordView> customer(String customerId, Caller caller) {
        return state.<CustomerRecord>global(CustomerTopology.CUSTOMERS_STORE, customerId)
                .map(record -> view(record, caller));
    }

    /** Every customer record, by id, masked for {@code caller}. */
    public List<CustomerRecordView> customers(Caller caller) {
        return state.<CustomerRecord>globalValues(CustomerTopology.CUSTOMERS_STORE, LIST_LIMIT).stream()
                .map(record -> view(record, caller)).toList();
    }

    /** The class the customer record sets, if any: what an order shows as its customer's class. */
    public Optional<CustomerClass> customerClass(String customerId) {
        return state.<CustomerRecord>global(CustomerTopology.CUSTOMERS_STORE, customerId)
                .map(CustomerRecord::getCustomerClass);
    }

    private CustomerRecordView view(CustomerRecord record, Caller caller) {
        ReceivablesView open = null;
        if (record.getCreditLimit() != null) {
            String currency = record.getCreditLimit().getCurrency();
            List<CustomerExposure> parts = state.<CustomerExposure>globalValues(CustomerTopology.EXPOSURE_STORE,
                            Exposure.prefix(record.getId()), OPEN_ORDERS_LIMIT).stream()
                    .filter(part -> part.getCurrency().equals(currency)).toList();
            open = new ReceivablesView(parts.stream().map(CustomerExposure::getOpen)
                    .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add), currency, parts.size());
        }
        return Views.customer(record, caller.audience(), open);
    }
}
