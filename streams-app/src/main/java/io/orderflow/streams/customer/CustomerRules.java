package io.orderflow.streams.customer;

import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.Refusal;
import io.orderflow.contract.OrderLimits;
import io.orderflow.streams.order.Refusals;
import io.orderflow.streams.order.TransitionTable;
import java.util.Optional;

/**
 * Whether a customer record may be taken as it is: written by an administrator ({@link TransitionTable#CUSTOMER_KEEPERS}),
 * named, under its own id, with terms of 1 to 365 days and a limit of zero or more in an ISO 4217 currency. The
 * gateway checks the same before it writes; a record written straight to Kafka is refused here, with a code, on
 * {@code order-refusals} (keyed by customer id, naming no order), and the customer stays as it was.
 */
public final class CustomerRules {

    /** What a refused customer record asked for, as a refusal names its command. */
    public static final String COMMAND = "PutCustomer";

    private CustomerRules() {
    }

    /** The refusal of {@code customer} under key {@code id}, or empty when it may be taken. */
    public static Optional<Refusal> refusal(String id, CustomerRecord customer) {
        return problem(id, customer).map(problem -> Refusal.newBuilder()
                .setCommandId("customer:" + id + ":" + customer.getUpdatedAt().toEpochMilli())
                .setOrderId(null)
                .setCommand(COMMAND)
                .setActor(customer.getUpdatedBy())
                .setAt(customer.getUpdatedAt())
                .setCode(problem.code())
                .setReason(problem.text())
                .build());
    }

    private static Optional<Problem> problem(String id, CustomerRecord customer) {
        if (!TransitionTable.CUSTOMER_KEEPERS.contains(customer.getUpdatedBy().getRole())) {
            return refused(Refusals.ROLE_NOT_ALLOWED, "role " + customer.getUpdatedBy().getRole()
                    + " may not change a customer record; " + TransitionTable.CUSTOMER_KEEPERS + " may");
        }
        if (!id.equals(customer.getId())) {
            return refused(Refusals.INVALID_CUSTOMER, "the record names customer " + customer.getId()
                    + " but is keyed " + id);
        }
        if (customer.getName() == null || customer.getName().isBlank()) {
            return refused(Refusals.INVALID_CUSTOMER, "a customer record needs a name");
        }
        if (customer.getPaymentTerms() != null && (customer.getPaymentTerms().getDueDays() < 1
                || customer.getPaymentTerms().getDueDays() > OrderLimits.MAX_DUE_DAYS)) {
            return refused(Refusals.INVALID_PAYMENT_TERMS, "paymentTerms.dueDays is "
                    + customer.getPaymentTerms().getDueDays() + "; it must be 1 to " + OrderLimits.MAX_DUE_DAYS);
        }
        if (customer.getCreditLimit() != null && (customer.getCreditLimit().getAmount().signum() < 0
                || !customer.getCreditLimit().getCurrency().matches("[A-Z]{3}"))) {
            return refused(Refusals.INVALID_AMOUNT, "a credit limit is an amount of 0 or more in an ISO 4217"
                    + " currency, not " + customer.getCreditLimit().getAmount().toPlainString() + " "
                    + customer.getCreditLimit().getCurrency());
        }
        return Optional.empty();
    }

    private static Optional<Problem> refused(String code, String text) {
        return Optional.of(new Problem(code, text));
    }

    private record Problem(String code, String text) {
    }
}
