package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BetweenTest {

    private static Wrk.Result rate(double perSecond, double p99) {
        return new Wrk.Result(perSecond, 1, p99, (long) perSecond * 20, 0, 0, "");
    }

    @Test
    void shouldSetTheRouteAgainstTheMeanOfTheHealthRunsAroundIt() {
        Between measured = new Between(rate(18_000, 9), rate(5_000, 40), rate(22_000, 6), "", 0.02, 50, 200);

        assertThat(measured.baselineRate()).isCloseTo(20_000, within(1e-9));
        assertThat(measured.ratio()).isCloseTo(0.25, within(1e-9));
        assertThat(measured.baselineP99()).isCloseTo(9, within(1e-9));
        assertThat(measured.clean()).isTrue();
    }

    @Test
    void shouldBoundTheRatioByCpuWhenEachRequestDoesMoreWork() {
        // a health check costs 52 µs of all processes, the floor's GET 66 µs; 7.5 µs more per GET
        Between floor = new Between(rate(30_000, 5), rate(23_000, 7), rate(30_000, 6), "", 0.03, 52, 66);

        assertThat(floor.ratioWith(0)).isCloseTo(52.0 / 66, within(1e-9));
        assertThat(floor.ratioWith(7.5)).isCloseTo(52 / 73.5, within(1e-9)).isLessThan(0.8);
    }

    @Test
    void shouldNotCallARunWithErrorsClean() {
        Wrk.Result failing = new Wrk.Result(5_000, 1, 40, 100_000, 3, 0, "");

        assertThat(new Between(rate(1, 1), failing, rate(1, 1), "", 0, 1, 1).clean()).isFalse();
    }
}
