package io.orderflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.demo.OrderPlan.Fate;
import io.orderflow.demo.Requests.QuantityLine;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderPlansTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private final List<OrderPlan> plans = plans(2000, 5L);

    @Test
    void shouldDrawChannelsAndFatesInRealisticProportions() {
        Map<String, Long> channels = plans.stream().collect(Collectors.groupingBy(OrderPlan::channel, Collectors.counting()));
        assertThat(channels.get("ONLINE")).isBetween(800L, 1000L);
        assertThat(channels.get("DISTRIBUTOR")).isBetween(220L, 380L);
        Map<Fate, Long> fates = plans.stream().collect(Collectors.groupingBy(OrderPlan::fate, Collectors.counting()));
        assertThat(fates.get(Fate.COMPLETED)).isBetween(1450L, 1660L);
        assertThat(fates.keySet()).containsExactlyInAnyOrder(Fate.values());
        assertThat(plans.stream().filter(OrderPlan::late).count()).isBetween(230L, 370L);
        assertThat(plans.stream().map(p -> p.customer().id()).distinct().count()).isEqualTo(40);
    }

    @Test
    void shouldShipEveryUnitExactlyOnceAndOnlyDistributorsBuyInBulk() {
        for (OrderPlan plan : plans) {
            Map<String, Integer> ordered = plan.lines().stream()
                    .collect(Collectors.toMap(l -> l.item().sku(), OrderPlan.Line::quantity));
            Map<String, Integer> shipped = plan.shipments().stream().flatMap(s -> s.lines().stream())
                    .collect(Collectors.groupingBy(QuantityLine::sku, Collectors.summingInt(QuantityLine::quantity)));
            assertThat(shipped).isEqualTo(ordered);
            assertThat(plan.shipments()).allSatisfy(s -> {
                assertThat(s.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.quantity()).isPositive());
                assertThat(s.trackingNumber()).startsWith(plan.carrier());
            });
            assertThat(plan.lines().stream().map(l -> l.item().sku()).distinct()).hasSize(plan.lines().size());
            if (!plan.customer().business()) {
                assertThat(plan.lines()).allSatisfy(l -> assertThat(l.quantity()).isBetween(1, 3));
            }
            assertThat(plan.expectedDelivery()).isAfterOrEqualTo(plan.orderDate());
            assertThat(plan.late()).isEqualTo(plan.expectedDelivery().isBefore(TODAY));
        }
    }

    @Test
    void shouldComputeAmountsExactly() {
        OrderPlan plan = plans.get(0);
        assertThat(plan.total()).isEqualTo(plan.lines().stream()
                .map(l -> l.item().unitPrice().multiply(java.math.BigDecimal.valueOf(l.quantity())))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).setScale(2));
        assertThat(plan.total().scale()).isEqualTo(2);
    }

    private static List<OrderPlan> plans(int n, long seed) {
        OrderPlans plans = new OrderPlans(new Customers(), DemoCatalog.ITEMS);
        Random r = new Random(seed);
        return IntStream.rangeClosed(1, n).mapToObj(i -> plans.next(i, r, TODAY)).map(Function.identity()).toList();
    }
}
