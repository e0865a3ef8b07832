package io.orderflow.streams.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiscountsTest {

    private static List<BigDecimal> amounts(String... amounts) {
        return java.util.Arrays.stream(amounts).map(BigDecimal::new).toList();
    }

    @Test
    void shouldSpreadTheDiscountInProportionAndGiveTheLeftoverCentsToTheLargestRemainders() {
        // 10.00 over 10.00, 10.00, 10.00: 3.333... each, one cent left for the first line (a tie)
        assertThat(Discounts.net(amounts("10.00", "10.00", "10.00"), new BigDecimal("10.00")))
                .containsExactly(new BigDecimal("6.66"), new BigDecimal("6.67"), new BigDecimal("6.67"));
        // 1.00 over 0.01 and 99.99: shares 0.0001 and 0.9999, the cent left goes to the larger remainder
        assertThat(Discounts.net(amounts("0.01", "99.99"), new BigDecimal("1.00")))
                .containsExactly(new BigDecimal("0.01"), new BigDecimal("98.99"));
        assertThat(Discounts.net(amounts("12.50", "7.50"), null)).containsExactly(new BigDecimal("12.50"),
                new BigDecimal("7.50"));
        assertThat(Discounts.net(amounts("12.50", "7.50"), new BigDecimal("20.00")))
                .containsExactly(new BigDecimal("0.00"), new BigDecimal("0.00"));
    }

    @Test
    void shouldAlwaysAddUpToTheTotalLessTheDiscountAndNeverGoBelowZero() {
        Random random = new Random(20261207L);
        for (int run = 0; run < 2000; run++) {
            int lines = 1 + random.nextInt(6);
            List<BigDecimal> amounts = new java.util.ArrayList<>();
            long total = 0;
            for (int i = 0; i < lines; i++) {
                long cents = 1 + random.nextInt(100_000);
                amounts.add(BigDecimal.valueOf(cents, 2));
                total += cents;
            }
            BigDecimal discount = BigDecimal.valueOf((long) (random.nextDouble() * (total + 1)), 2);
            List<BigDecimal> net = Discounts.net(amounts, discount);
            assertThat(net.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(BigDecimal.valueOf(total, 2).subtract(discount));
            for (int i = 0; i < lines; i++) {
                assertThat(net.get(i)).isBetween(BigDecimal.ZERO, amounts.get(i));
            }
        }
    }
}
