package io.orderflow.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * One line of the results table: a figure measured against its baseline from the same run.
 *
 * @param figure   what is measured, with its figure number in BENCHMARKS.md
 * @param value    the measured value, with its unit
 * @param baseline the baseline measured in the same run, or "—"
 * @param ratio    value / baseline (or baseline / value for latencies), empty when there is no baseline
 * @param target   the target the figure is judged against, as BENCHMARKS.md states it
 * @param pass     whether the target is met, empty when the figure has no pass/fail
 */
public record Row(String figure, String value, String baseline, Optional<Double> ratio, String target,
        Optional<Boolean> pass) {

    String ratioText() {
        return ratio.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("—");
    }

    String passText() {
        return pass.map(ok -> ok ? "pass" : "**FAIL**").orElse("—");
    }
}
