package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
}
