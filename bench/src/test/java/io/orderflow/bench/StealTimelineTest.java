package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StealTimelineTest {

    private static final long SECOND = 1_000_000_000L;

    private final StealTimeline timeline = StealTimeline.of(List.of(
            new StealTimeline.Sample(0, new HostCpu(0, 0, 0)),
            new StealTimeline.Sample(SECOND, new HostCpu(100, 200, 0)),
            new StealTimeline.Sample(2 * SECOND, new HostCpu(150, 400, 100)),
            new StealTimeline.Sample(3 * SECOND, new HostCpu(250, 600, 110))));

    @Test
    void stealBetweenTheReadingsAroundTheSpan() {
        assertThat(timeline.share(SECOND, 2 * SECOND)).hasValue(0.5);
        assertThat(timeline.share(SECOND + 1, 2 * SECOND - 1)).hasValue(0.5);
        assertThat(timeline.share(0, 3 * SECOND)).hasValue(110.0 / 600);
        assertThat(timeline.share(SECOND / 2, 2 * SECOND + 1)).hasValue(110.0 / 600);
    }

    @Test
    void nothingOutsideTheReadings() {
        assertThat(timeline.share(-1, SECOND)).isEmpty();
        assertThat(timeline.share(SECOND, 3 * SECOND + 1)).isEmpty();
        assertThat(StealTimeline.of(List.of()).share(0, SECOND)).isEmpty();
    }

    @Test
    void aMeasurementIsTakenAgainWhileTheHostStoleFromItAndEachRepeatIsNoted() {
        double[] stolen = {0.25, 0.04, 0.30};
        List<Integer> attempts = new ArrayList<>();
        Report report = new Report("test");

        double kept = StealTimeline.measureWhileStolen(attempt -> {
            attempts.add(attempt);
            return stolen[attempt - 1];
        }, steal -> steal, (attempt, steal) -> "attempt " + attempt + " lost " + steal, "Figure 9", "a run", report);

        assertThat(kept).isEqualTo(0.04);
        assertThat(attempts).containsExactly(1, 2);
        assertThat(report.markdown()).contains("Figure 9: measured again because the host stole more than 10 % of the "
                + "cores' time in a run (3 attempts at most): the figure is of attempt 2; the others: attempt 1 lost 0.25.");
    }

    @Test
    void theLeastDisturbedAttemptStandsAndSaysSoWhenTheHostDisturbedEveryOne() {
        double[] stolen = {0.30, 0.15, 0.20};
        Report report = new Report("test");

        int kept = StealTimeline.measureWhileStolen(attempt -> attempt, attempt -> stolen[attempt - 1],
                (attempt, measured) -> "attempt " + attempt, "Figure 9", "a run", report);

        assertThat(kept).isEqualTo(2);
        assertThat(report.markdown()).contains("the figure is of attempt 2, the least disturbed (15 % stolen), so noise, "
                + "not what is measured; the others: attempt 1; attempt 3.");
    }

    @Test
    void aMeasurementTheHostLeftAloneOrThatCannotBeJudgedIsTakenOnce() {
        Report report = new Report("test");
        List<Integer> attempts = new ArrayList<>();

        StealTimeline.measureWhileStolen(attempts::add, added -> Double.NaN, (attempt, m) -> "", "Figure 9", "a run",
                report);
        StealTimeline.measureWhileStolen(attempts::add, added -> 0.10, (attempt, m) -> "", "Figure 9", "a run", report);

        assertThat(attempts).containsExactly(1, 1);
        assertThat(report.markdown()).doesNotContain("measured again");
    }
}
