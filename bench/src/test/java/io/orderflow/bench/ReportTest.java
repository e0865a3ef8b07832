package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void shouldEndWithOneMachineReadableLinePerResultInTheOrderGiven() {
        Report report = new Report("./bench.sh throughput");
        Map<String, Number> values = new LinkedHashMap<>();
        values.put("ratio", 0.01834);
        values.put("pipeline_cps", 1266L);
        values.put("baseline_cps", 71297L);
        values.put("offsets_per_command", 11.93);
        values.put("app_cpu_ms_per_command", 12.345);
        report.result("throughput", values);

        String[] lines = report.markdown().strip().split("\n");

        assertThat(lines[lines.length - 1]).isEqualTo("RESULT throughput ratio=0.0183 pipeline_cps=1266 "
                + "baseline_cps=71297 offsets_per_command=11.9 app_cpu_ms_per_command=12.3");
    }
}
