package io.orderflow.streams.order;

import static io.orderflow.streams.Commands.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Actor;
import io.orderflow.avro.ApproveOrder;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.Product;
import io.orderflow.avro.StockRequest;
import io.orderflow.avro.StockResult;
import io.orderflow.streams.Commands;
import java.util.Optional;
import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.Role;
import io.orderflow.serde.WireFormat;
import io.orderflow.streams.analytics.OrderFixtures;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderSizeTest {

    @Test
    void shouldTakeTheLimitFromTheProducersMaxRequestSizeLessTheHeadroom() {
        assertThat(OrderSize.under(Map.of("producer.max.request.size", 2_000_000, "max.request.size", 3_000_000))
                .limitBytes()).isEqualTo(2_000_000 - OrderSize.HEADROOM_BYTES);
        assertThat(OrderSize.under(Map.of("max.request.size", "3000000")).limitBytes())
                .isEqualTo(3_000_000 - OrderSize.HEADROOM_BYTES);
        assertThat(OrderSize.under(Map.of()).limitBytes()).isEqualTo(1024 * 1024 - OrderSize.HEADROOM_BYTES);
    }

    @Test
    void shouldCutARefusalsReasonAtWholeCharactersJustEnoughToFitAndLeaveAFittingOneAlone() {
        OrderSize size = new OrderSize(1000);
        Refusal small = refusal("short");
        Refusal large = refusal("😀".repeat(1000));

        Refusal fitted = size.fitted(large);

        assertThat(size.fitted(small)).isSameAs(small);
        assertThat(fitted.getOrderId().length() + WireFormat.encodedSize(fitted)).isBetween(1000 - 8, 1000);
        assertThat(fitted.getReason().replace("😀", "")).isEqualTo("…");
        assertThat(fitted.getCommandId()).isEqualTo(large.getCommandId());
    }

    static LongStream seeds() {
        return LongStream.range(1, 301);
    }

    /** The bound that spares the encoding is never under the encoded size, whatever the text and the amounts. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldNeverBoundAnEventUnderItsEncodedSize(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        OrderEvent event = randomEvent(random);

        int exact = WireFormat.encodedSize(event);
        int bound = WireFormat.encodedSizeBound(event);
        int withState = WireFormat.encodedSizeBound(event, OrderEvent.SCHEMA$.getField("order").pos(),
                WireFormat.encodedSize(event.getOrder()) - WireFormat.HEADER_SIZE);

        assertThat(bound).isGreaterThanOrEqualTo(exact);
        assertThat(withState).as("with the state's size given").isGreaterThanOrEqualTo(exact).isLessThanOrEqualTo(bound);
        assertThat(bound).as("close enough to spare the encoding for ordinary orders").isLessThan(4 * exact + 8192);
    }

    /** At a limit just under, at and over the exact size, the check answers as the exact size says. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldDecideAsTheExactSizeWouldAtTheLimit(long seed) {
        OrderEvent event = randomEvent(new SplittableRandom(seed));
        int exact = "O-1".length() + WireFormat.encodedSize(event);

        assertThat(new OrderSize(exact - 1).fits("O-1", event)).isFalse();
        assertThat(new OrderSize(exact).fits("O-1", event)).isTrue();
        assertThat(new OrderSize(exact + 1).fits("O-1", event)).isTrue();
        int state = WireFormat.encodedSize(event.getOrder());
        assertThat(new OrderSize(exact - 1).fits("O-1", event, state)).isFalse();
        assertThat(new OrderSize(exact).fits("O-1", event, state)).isTrue();
    }

    /**
     * The bound that spares working out the ledger's two possible answers to an approval is never under either
     * answer's event, whatever the order's lines and history and the approval's actor, ids and note.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldNeverBoundTheAnswersToAnApprovalUnderTheirEvents(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        OrderRules rules = new OrderRules(sku -> Optional.of(Product.newBuilder().setSku(sku).setName(sku)
                .setCategory("tools").setUpdatedBy(SALES).setUpdatedAt(Instant.EPOCH).build()));
        String orderId = "O-" + text(random, 30);
        List<OrderLine> lines = new ArrayList<>();
        for (int i = random.nextInt(1, 40); i > 0; i--) {
            lines.add(Commands.line("S" + i + text(random, 40), random.nextInt(1, Integer.MAX_VALUE / 1000),
                    random.nextInt(0, 100_000) + ".99"));
        }
        Instant at = Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L));
        OrderState order = ((Decision.Accepted) rules.decide(null, Command.of(new OrderCommand("c-place", orderId,
                SALES, at, Commands.place(lines.toArray(OrderLine[]::new)))).orElseThrow())).state();
        for (int i = random.nextInt(0, 30); i > 0; i--) {
            order.getHistory().add(new HistoryEntry(at, SALES, text(random, 12), OrderStatus.PENDING_REVIEW,
                    OrderStatus.PENDING_REVIEW, random.nextBoolean() ? null : text(random, 200), text(random, 36)));
        }
        OrderCommand approval = new OrderCommand(text(random, 60), orderId,
                new Actor(text(random, 60), Role.REVIEWER), at.plusSeconds(60),
                new ApproveOrder(random.nextBoolean() ? null : text(random, 2000), false));
        StockRequest request = ((Decision.ReserveStock) rules.decide(order, Command.of(approval).orElseThrow()))
                .request();
        int bound = new OrderSize(Integer.MAX_VALUE).approvalAnswersBound(orderId, order, approval, request);

        for (StockResult answer : List.of(
                new StockResult(request.getRequestId(), orderId, true, List.of(), "approval " + request.getRequestId(),
                        request.getAt()),
                new StockResult(request.getRequestId(), orderId, false, request.getLines(),
                        "approval " + request.getRequestId(), request.getAt()))) {
            OrderEvent event = ((Decision.Accepted) rules.decide(order, Command.answerTo(approval, answer))).event();
            int exact = orderId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + WireFormat.encodedSize(event);
            assertThat(bound).as("reserved " + answer.getReserved()).isGreaterThanOrEqualTo(exact);
        }
    }

    private static OrderEvent randomEvent(SplittableRandom random) {
        List<OrderLineState> lines = new ArrayList<>();
        for (int i = random.nextInt(1, 30); i > 0; i--) {
            lines.add(OrderFixtures.line(text(random, 40), random.nextInt(1, 100_000),
                    new BigDecimal(new BigInteger(random.nextInt(1, 40), new java.util.Random(random.nextLong())), 2)
                            .abs().toPlainString()));
        }
        Instant at = Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L));
        OrderState state = OrderFixtures.order(text(random, 20), OrderStatus.APPROVED, at,
                io.orderflow.avro.Channel.PHONE, text(random, 30), lines).build();
        Actor actor = Actor.newBuilder().setId(text(random, 30)).setRole(Role.REVIEWER).build();
        for (int i = random.nextInt(0, 40); i > 0; i--) {
            state.getHistory().add(new HistoryEntry(at, actor, text(random, 12), OrderStatus.PENDING_REVIEW,
                    OrderStatus.APPROVED, random.nextBoolean() ? null : text(random, 200), text(random, 36)));
        }
        return new OrderEvent(text(random, 24), state.getOrderId(), text(random, 36), "ApproveOrder", actor, at,
                OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, random.nextBoolean() ? null : text(random, 500), state);
    }

    /** Up to {@code max} characters from ASCII, CJK and outside the BMP (surrogate pairs). */
    private static String text(SplittableRandom random, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(0, max + 1); i > 0; i--) {
            switch (random.nextInt(3)) {
                case 0 -> text.append((char) random.nextInt(32, 127));
                case 1 -> text.append((char) random.nextInt(0x4E00, 0x9FFF));
                default -> text.appendCodePoint(random.nextInt(0x1F300, 0x1FAFF));
            }
        }
        return text.toString();
    }

    private static Refusal refusal(String reason) {
        return Refusal.newBuilder().setCommandId("c-1").setOrderId("O-1").setCommand("ApproveOrder").setActor(SALES)
                .setAt(Instant.parse("2026-11-22T08:00:00Z")).setCode(Refusals.UNKNOWN_ORDER).setReason(reason)
                .build();
    }
}
