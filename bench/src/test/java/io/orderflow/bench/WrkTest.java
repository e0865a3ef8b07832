package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The harness's reading of wrk's report: a pure parser, no benchmark runs here. */
class WrkTest {

    private static final String REPORT = """
            Running 3s test @ http://localhost:8080/health/live
              2 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     3.77ms    5.12ms  60.01ms   90.00%
                Req/Sec     1.92k   300.00     2.50k    70.00%
              Latency Distribution
                 50%  850.00us
                 75%    5.00ms
                 90%    8.00ms
                 99%    1.20s
              11475 requests in 3.00s, 1.50MB read
              Socket errors: connect 0, read 1, write 0, timeout 3
              Non-2xx or 3xx responses: 2
            Requests/sec:   3825.00
            Transfer/sec:    512.00KB
            """;

    @Test
    void shouldReadRateLatenciesInMillisecondsAndErrors() {
        Wrk.Result result = Wrk.parse(REPORT);

        assertThat(result.requestsPerSecond()).isEqualTo(3825.0);
        assertThat(result.p50Millis()).isCloseTo(0.85, within(1e-9));
        assertThat(result.p99Millis()).isCloseTo(1200.0, within(1e-9));
        assertThat(result.requests()).isEqualTo(11475);
        assertThat(result.non2xx()).isEqualTo(2);
        assertThat(result.socketErrors()).isEqualTo(4);
    }

    @Test
    void shouldReadTheFinishedChildrensCpuTimeFromProcStat() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194560 900 12 0 0 350 40 1234 56 20 0 31 0 7 0";

        assertThat(Wrk.childrenCpuNanos(stat)).isEqualTo((1234 + 56) * 10_000_000L);
    }

    @Test
    void shouldRefuseAReportWithoutARate() {
        assertThrows(IllegalStateException.class, () -> Wrk.parse("unable to connect to localhost:1"));
    }

    @Test
    void shouldHeadARowWithTheRateAndP99AndTheErrorsWhenThereWereAny() {
        Wrk.Result failing = Wrk.parse(REPORT);
        Wrk.Result clean = new Wrk.Result(12_345.6, 1, 7.24, 246_912, 0, 0, "");

        assertThat(failing.clean()).isFalse();
        assertThat(failing.headline()).isEqualTo("3,825 req/s, p99 1200.0 ms (2 non-2xx, 4 socket errors)");
        assertThat(clean.clean()).isTrue();
        assertThat(clean.headline()).isEqualTo("12,346 req/s, p99 7.2 ms");
    }
}
