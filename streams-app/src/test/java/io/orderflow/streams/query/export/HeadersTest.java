package io.orderflow.streams.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every export's every column has its Chinese header, and asking for English changes nothing. */
class HeadersTest {

    private static final Map<String, List<? extends Column<?>>> TABLES = Map.of(
            "orders", Tables.ORDERS, "stock", Tables.STOCK, "alerts", Tables.ALERTS, "sales", Tables.SALES,
            "monthly", Tables.MONTHLY, "fulfilment", Tables.FULFILMENT, "customers", Tables.CUSTOMERS,
            "cycle-times", Tables.CYCLE_TIMES, "cancellations", Tables.CANCELLATIONS);

    @Test
    void shouldNameEveryColumnOfEveryExportInChinese() {
        Pattern chinese = Pattern.compile("\\p{IsHan}");
        TABLES.forEach((table, columns) -> columns.forEach(column -> assertThat(Headers.CHINESE.get(column.header()))
                .as(table + "." + column.header()).isNotNull().matches(h -> chinese.matcher(h).find())));
    }

    @Test
    void shouldKeepTheCellsAndTheEnglishHeaders() {
        assertThat(Headers.in("en", Tables.ORDERS)).isSameAs(Tables.ORDERS);
        List<Column<io.orderflow.streams.query.view.Views.OrderView>> zh = Headers.in("zh", Tables.ORDERS);
        assertThat(zh).hasSameSizeAs(Tables.ORDERS);
        assertThat(zh.get(0).header()).isEqualTo("订单编号");
        assertThat(zh.get(0).cell()).isSameAs(Tables.ORDERS.get(0).cell());
    }
}
