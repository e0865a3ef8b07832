package io.orderflow.streams.order;

import static io.orderflow.streams.Commands.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Refusal;
import io.orderflow.serde.WireFormat;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    private static Refusal refusal(String reason) {
        return Refusal.newBuilder().setCommandId("c-1").setOrderId("O-1").setCommand("ApproveOrder").setActor(SALES)
                .setAt(Instant.parse("2026-11-22T08:00:00Z")).setCode(Refusals.UNKNOWN_ORDER).setReason(reason)
                .build();
    }
}
