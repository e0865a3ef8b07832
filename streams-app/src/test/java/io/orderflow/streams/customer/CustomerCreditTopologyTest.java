package io.orderflow.streams.customer;

import static io.orderflow.streams.Commands.ADMIN;
import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.approveCancellation;
import static io.orderflow.streams.Commands.approveOverCredit;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.pay;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.requestCancellation;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Actor;
import io.orderflow.avro.CreditLimit;
import io.orderflow.avro.CustomerClass;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.PaymentTerms;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.Role;
import io.orderflow.streams.Commands;
import io.orderflow.streams.Pipeline;
import io.orderflow.streams.order.Refusals;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customers as data (issue 25) on the whole pipeline: the credit limit at approval against the open receivables as
 * published, the administrator's override under the four-eyes rule, default payment terms, and the record's history.
 */
class CustomerCreditTopologyTest {

    private static final Actor OTHER_ADMIN = new Actor("otto.admin", Role.ADMIN);

    @TempDir
    Path stateDir;

    private Pipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.receive("A", 100);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    /** Customer C-1 (the one {@link Commands#place} names) with a limit of {@code limit} in {@code currency}. */
    private static CustomerRecord limited(String limit, String currency) {
        return CustomerRecord.newBuilder().setId("C-1").setName("Acme Trading")
                .setCreditLimit(new CreditLimit(new BigDecimal(limit), currency))
                .setUpdatedBy(ADMIN).setUpdatedAt(Pipeline.T0).build();
    }

    /** An order of C-1 in CNY for {@code quantity} x A at 100.00. */
    private static PlaceOrder placeCny(int quantity) {
        PlaceOrder place = place(line("A", quantity, "100.00"));
        place.setCurrency("CNY");
        return place;
    }

    private List<String> refusalCodes() {
        return pipeline.refusals().stream().map(Refusal::getCode).toList();
    }

    private HistoryEntry last(String orderId) {
        List<HistoryEntry> history = pipeline.order(orderId).getHistory();
        return history.get(history.size() - 1);
    }

    @Test
    void shouldRefuseAnApprovalThatWouldTakeTheCustomerOverItsCreditLimit() {
        pipeline.customer(limited("500.00", "CNY"));
        pipeline.send("O-1", SALES, placeCny(3));
        pipeline.send("O-1", REVIEWER, approve());
        assertThat(pipeline.exposure("C-1")).containsOnlyKeys("O-1");
        assertThat(pipeline.exposure("C-1").get("O-1")).isEqualByComparingTo("300.00");

        pipeline.send("O-2", SALES, placeCny(3));
        pipeline.send("O-2", REVIEWER, approve());

        List<Refusal> refusals = pipeline.refusals();
        assertThat(refusals).singleElement().satisfies(refusal -> {
            assertThat(refusal.getCode()).isEqualTo(Refusals.CREDIT_LIMIT_EXCEEDED);
            assertThat(refusal.getOrderId()).isEqualTo("O-2");
            assertThat(refusal.getReason()).contains("owes 300.00 CNY").contains("would owe 600.00")
                    .contains("500.00 CNY");
        });
        assertThat(pipeline.order("O-2").getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(pipeline.level("A").getReserved()).isEqualTo(3);
    }

    @Test
    void shouldApproveAgainOnceThePaymentBringsTheOpenReceivablesDown() {
        pipeline.customer(limited("500.00", "CNY"));
        pipeline.send("O-1", SALES, placeCny(3));
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-2", SALES, placeCny(3));

        pipeline.send("O-1", SALES, pay("300.00"));
        assertThat(pipeline.exposure("C-1")).isEmpty();
        pipeline.send("O-2", REVIEWER, approve());

        assertThat(refusalCodes()).isEmpty();
        assertThat(pipeline.order("O-2").getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(pipeline.exposure("C-1")).containsOnlyKeys("O-2");
    }

    @Test
    void shouldTakeACancelledOrderOutOfTheOpenReceivables() {
        pipeline.customer(limited("500.00", "CNY"));
        pipeline.send("O-1", SALES, placeCny(3));
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-1", SALES, requestCancellation());
        pipeline.send("O-1", REVIEWER, approveCancellation());

        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(pipeline.exposure("C-1")).isEmpty();
    }

    @Test
    void shouldNotHoldOrdersInAnotherCurrencyAgainstTheLimit() {
        pipeline.customer(limited("100.00", "USD"));
        pipeline.send("O-1", SALES, placeCny(3));
        pipeline.send("O-1", REVIEWER, approve());

        assertThat(refusalCodes()).isEmpty();
        assertThat(pipeline.exposure("C-1")).isEmpty();
    }

    @Test
    void shouldWriteNoExposureForCustomersWithoutALimit() {
        pipeline.send("O-1", SALES, placeCny(3));
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-1", SALES, pay("100.00"));

        assertThat(pipeline.driver.producedTopicNames()).doesNotContain(pipeline.topics.customerExposure().name());
    }

    @Test
    void shouldWriteAnOrdersPartOnlyWhenWhatItOwesChanges() {
        pipeline.customer(limited("5000.00", "CNY"));
        var parts = pipeline.driver.createOutputTopic(pipeline.topics.customerExposure().name(),
                pipeline.topics.customerExposure().keySerde().deserializer(),
                pipeline.topics.customerExposure().valueSerde().deserializer());

        pipeline.send("O-1", SALES, placeCny(3));
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-1", SALES, Commands.note("called the customer"));
        pipeline.send("O-1", SALES, pay("100.00"));
        pipeline.send("O-1", SALES, pay("200.00"));

        var written = parts.readKeyValuesToList();
        assertThat(written).extracting(record -> record.key).containsOnly("C-1/O-1");
        assertThat(written).extracting(record -> record.value == null ? null : record.value.getOpen())
                .usingElementComparator((a, b) -> a == null || b == null ? (a == b ? 0 : 1) : a.compareTo(b))
                .containsExactly(new BigDecimal("300.00"), new BigDecimal("200.00"), null);
    }

    @Test
    void shouldLetAnAdminOverrideTheLimitWithAReasonRecordedInTheHistory() {
        pipeline.customer(limited("100.00", "CNY"));
        pipeline.send("O-1", SALES, placeCny(3));

        pipeline.send("O-1", ADMIN, approveOverCredit("customer paid by wire today, confirmed by finance"));

        assertThat(refusalCodes()).isEmpty();
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.APPROVED);
        HistoryEntry entry = last("O-1");
        assertThat(entry.getAction()).isEqualTo("ApproveOrder");
        assertThat(entry.getActor()).isEqualTo(ADMIN);
        assertThat(entry.getAt()).isEqualTo(pipeline.now());
        assertThat(entry.getReason())
                .contains("credit limit overridden: customer paid by wire today, confirmed by finance");
        assertThat(pipeline.exposure("C-1").get("O-1")).isEqualByComparingTo("300.00");
    }

    @Test
    void shouldRefuseAnOverrideByAnyoneButAnAdmin() {
        pipeline.customer(limited("100.00", "CNY"));
        pipeline.send("O-1", SALES, placeCny(3));

        pipeline.send("O-1", REVIEWER, approveOverCredit("trust me"));

        assertThat(refusalCodes()).containsExactly(Refusals.ROLE_NOT_ALLOWED);
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
    }

    @Test
    void shouldRefuseAnOverrideWithoutAReason() {
        pipeline.customer(limited("100.00", "CNY"));
        pipeline.send("O-1", SALES, placeCny(3));

        pipeline.send("O-1", ADMIN, approveOverCredit(" "));

        assertThat(refusalCodes()).containsExactly(Refusals.REASON_REQUIRED);
    }

    @Test
    void shouldHoldTheFourEyesRuleForAnOverrideByTheOrdersCreator() {
        pipeline.customer(limited("100.00", "CNY"));
        pipeline.send("O-1", ADMIN, placeCny(3));

        pipeline.send("O-1", ADMIN, approveOverCredit("known customer"));
        assertThat(refusalCodes()).containsExactly(Refusals.FOUR_EYES);

        pipeline.send("O-1", OTHER_ADMIN, approveOverCredit("known customer"));
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.APPROVED);
    }

    @Test
    void shouldHoldTheFourEyesRuleForAnOverrideByTheOrdersLastAmender() {
        pipeline.customer(limited("100.00", "CNY"));
        pipeline.send("O-1", SALES, placeCny(3));
        PlaceOrder amended = placeCny(2);
        pipeline.send("O-1", ADMIN, Commands.amend(amended.getLines().toArray(io.orderflow.avro.OrderLine[]::new)));

        pipeline.send("O-1", ADMIN, approveOverCredit("known customer"));

        assertThat(refusalCodes()).containsExactly(Refusals.FOUR_EYES);
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
    }

    @Test
    void shouldGiveACreditTermsOrderWithoutTermsTheCustomersDefault() {
        pipeline.customer(CustomerRecord.newBuilder(limited("10000.00", "CNY"))
                .setPaymentTerms(new PaymentTerms(45)).build());
        PlaceOrder place = placeCny(1);
        place.setPaymentMethod(PaymentMethod.CREDIT_TERMS);

        pipeline.send("O-1", SALES, place);

        assertThat(pipeline.order("O-1").getPaymentTerms().getDueDays()).isEqualTo(45);
        assertThat(last("O-1").getReason()).isEqualTo("payment terms 45 days, the customer's default");
    }

    @Test
    void shouldRefuseACreditTermsOrderWithoutTermsWhenTheCustomerHasNoDefault() {
        PlaceOrder place = placeCny(1);
        place.setPaymentMethod(PaymentMethod.CREDIT_TERMS);

        pipeline.send("O-1", SALES, place);

        assertThat(refusalCodes()).containsExactly(Refusals.INVALID_PAYMENT_TERMS);
    }

    @Test
    void shouldKeepTheHistoryOfACustomerRecordWithoutPersonalData() {
        pipeline.customer(limited("500.00", "CNY"));
        pipeline.customer(CustomerRecord.newBuilder(limited("800.00", "CNY")).setPhone("+86 139 0000 0000")
                .setCustomerClass(CustomerClass.VIP).setReason("annual review").build());
        pipeline.customer(CustomerRecord.newBuilder(limited("800.00", "CNY")).setPhone("+86 139 0000 0000")
                .setCustomerClass(CustomerClass.VIP).setReason("same again").build());

        CustomerRecord customer = pipeline.customer("C-1");
        assertThat(customer.getCreditLimit().getAmount()).isEqualByComparingTo("800.00");
        assertThat(customer.getHistory()).hasSize(2);
        assertThat(customer.getHistory().get(1)).satisfies(change -> {
            assertThat(change.getActor()).isEqualTo(ADMIN);
            assertThat(change.getAt()).isEqualTo(pipeline.now().minusSeconds(60));
            assertThat(change.getReason()).isEqualTo("annual review");
            assertThat(change.getChanged()).isEqualTo("class none -> VIP; creditLimit 500.00 CNY -> 800.00 CNY; phone set")
                    .doesNotContain("139");
        });
    }

    @Test
    void shouldRefuseACustomerRecordWrittenStraightToKafkaByAnyoneButAnAdmin() {
        CustomerRecord bySales = CustomerRecord.newBuilder(limited("99999.00", "CNY")).setUpdatedBy(SALES)
                .setUpdatedAt(pipeline.now()).build();
        pipeline.customers.pipeInput("C-1", bySales, pipeline.now());

        assertThat(pipeline.customer("C-1")).isNull();
        assertThat(pipeline.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.getCode()).isEqualTo(Refusals.ROLE_NOT_ALLOWED);
            assertThat(refusal.getCommand()).isEqualTo(CustomerRules.COMMAND);
            assertThat(refusal.getOrderId()).isNull();
            assertThat(refusal.getActor()).isEqualTo(SALES);
        });
    }

    @Test
    void shouldRefuseANegativeLimitAndARecordKeyedByAnotherIdKeepingTheCustomerAsItWas() {
        pipeline.customer(limited("500.00", "CNY"));
        pipeline.customer(limited("-1.00", "CNY"));
        pipeline.customers.pipeInput("C-2", CustomerRecord.newBuilder(limited("10.00", "CNY")).setUpdatedBy(ADMIN)
                .setUpdatedAt(pipeline.now()).build(), pipeline.now());

        assertThat(refusalCodes()).containsExactly(Refusals.INVALID_AMOUNT, Refusals.INVALID_CUSTOMER);
        assertThat(pipeline.customer("C-1").getCreditLimit().getAmount()).isEqualByComparingTo("500.00");
        assertThat(pipeline.customer("C-2")).isNull();
    }

    @Test
    void shouldForgetADeletedCustomer() {
        pipeline.customer(limited("500.00", "CNY"));
        pipeline.customers.pipeInput("C-1", null, pipeline.now().plusSeconds(60));

        assertThat(pipeline.customer("C-1")).isNull();
        pipeline.send("O-1", SALES, placeCny(9));
        pipeline.send("O-1", REVIEWER, approve());
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(Map.copyOf(pipeline.exposure("C-1"))).isEmpty();
    }
}
