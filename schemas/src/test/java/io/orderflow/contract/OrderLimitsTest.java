package io.orderflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.AmendOrder;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.contract.OrderLimits.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderLimitsTest {

    @Test
    void shouldReadTheBoundsFromTheContract() {
        assertThat(OrderLimits.UNIT_PRICE).isEqualTo(new Money("OrderLine.unitPrice", 18, 2));
        assertThat(OrderLimits.TOTAL).isEqualTo(new Money("OrderState.totalAmount", 18, 2));
        assertThat(OrderLimits.DISCOUNT.precision()).isEqualTo(18);
        assertThat(OrderLimits.MAX_LINES).isEqualTo(500);
    }

    @Test
    void shouldKeepTheCommandsWithinWhatTheOrdersStateHolds() {
        for (var command : new org.apache.avro.Schema[] {PlaceOrder.SCHEMA$, AmendOrder.SCHEMA$}) {
            assertThat(bounds(OrderLimits.money(command, "discount"))).isEqualTo(bounds(OrderLimits.DISCOUNT));
            assertThat(OrderLimits.maxItems(command, "lines")).isEqualTo(OrderLimits.MAX_LINES);
        }
        assertThat(bounds(OrderLimits.money(OrderState.SCHEMA$, "paidAmount"))).isEqualTo(bounds(OrderLimits.TOTAL));
    }

    @Test
    void shouldTellAValueThatFitsFromOneThatDoesNot() {
        Money money = new Money("x", 18, 2);

        assertThat(money.max()).isEqualByComparingTo("9999999999999999.99");
        assertThat(money.fits(money.max())).isTrue();
        assertThat(money.fits(new BigDecimal("12.5"))).isTrue();
        assertThat(money.fits(new BigDecimal("12.500"))).isTrue();
        assertThat(money.fits(new BigDecimal("19999999999999999.98"))).isFalse();
        assertThat(money.fits(new BigDecimal("0.005"))).isFalse();
    }

    private static String bounds(Money money) {
        return money.precision() + "," + money.scale();
    }
}
