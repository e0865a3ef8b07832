package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportBenchTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteOneDeliveredPaidOrderPerRowUnderTheLedgersChineseHeaders() throws Exception {
        Path file = ImportBench.ledger(dir.resolve("ledger.csv"), "t", 25);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(26);
        int columns = lines.get(0).split(",", -1).length;
        assertThat(lines.get(0)).startsWith("订单编号,下单日期").contains("订单状态", "已付款");
        assertThat(lines.subList(1, lines.size())).allSatisfy(row -> {
            assertThat(row.split(",", -1)).hasSize(columns);
            assertThat(row).contains("已送达", "已付款");
        });
        assertThat(lines.subList(1, lines.size())).extracting(row -> row.split(",")[0]).doesNotHaveDuplicates();
        // quantity 1 + i % 4 at 12.50: the paid amount is the order's total
        assertThat(lines.get(4).split(",")).contains("bench-t-3", "4", "50.00");
    }
}
