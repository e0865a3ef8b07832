package io.orderflow.streams.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The order's discount spread over its lines, so that revenue is net of it (docs/domain.md, "Reports and figures"):
 * each line bears the discount in proportion to its amount, to the cent; the cents the rounding leaves go one each to
 * the lines whose share lost most to it (the largest remainders, the first line first on a tie). The lines' net
 * amounts add up to the order's total exactly and none goes below zero.
 */
final class Discounts {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    private Discounts() {
    }

    /** The amounts of {@code amounts} net of their shares of {@code discount} (none: the amounts as they are). */
    static List<BigDecimal> net(List<BigDecimal> amounts, BigDecimal discount) {
        BigDecimal total = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (discount == null || discount.signum() == 0 || total.signum() == 0) {
            return amounts.stream().map(a -> a.setScale(2, RoundingMode.UNNECESSARY)).toList();
        }
        List<BigDecimal> shares = new ArrayList<>();
        List<BigDecimal> remainders = new ArrayList<>();
        BigDecimal given = BigDecimal.ZERO;
        for (BigDecimal amount : amounts) {
            BigDecimal exact = discount.multiply(amount).divide(total, 12, RoundingMode.DOWN);
            BigDecimal share = exact.setScale(2, RoundingMode.DOWN);
            shares.add(share);
            remainders.add(exact.subtract(share));
            given = given.add(share);
        }
        int leftoverCents = discount.subtract(given).divide(CENT, 0, RoundingMode.UNNECESSARY).intValueExact();
        IntStream.range(0, amounts.size()).boxed()
                .sorted(Comparator.comparing(remainders::get, Comparator.reverseOrder()))
                .limit(leftoverCents)
                .forEach(i -> shares.set(i, shares.get(i).add(CENT)));
        List<BigDecimal> net = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            net.add(amounts.get(i).subtract(shares.get(i)).setScale(2, RoundingMode.UNNECESSARY));
        }
        return net;
    }
}
