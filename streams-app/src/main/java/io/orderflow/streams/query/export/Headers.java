package io.orderflow.streams.query.export;

import java.util.List;
import java.util.Map;

/**
 * The exports' column headers in Chinese, as the source documents' ledgers and reports name them (订单编号, 客户名称,
 * ...); English is the columns' own names. One map for every table of {@link Tables}.
 */
public final class Headers {

    /** The languages an export's headers come in: the column names ({@code en}) or Chinese ({@code zh}). */
    public static final List<String> LANGUAGES = List.of("en", "zh");

    static final Map<String, String> CHINESE = Map.ofEntries(
            Map.entry("orderId", "订单编号"), Map.entry("orderDate", "下单日期"), Map.entry("channel", "渠道"),
            Map.entry("customerId", "客户编号"), Map.entry("customerName", "客户名称"), Map.entry("contactName", "联系人"),
            Map.entry("phone", "联系电话"), Map.entry("address", "收货地址"), Map.entry("status", "状态"),
            Map.entry("colour", "颜色标记"), Map.entry("paymentMethod", "付款方式"), Map.entry("paymentStatus", "付款状态"),
            Map.entry("currency", "币种"), Map.entry("totalAmount", "金额"), Map.entry("paidAmount", "已付金额"),
            Map.entry("lines", "商品明细"), Map.entry("expectedDeliveryDate", "预计交付"),
            Map.entry("promisedDeliveryDate", "原定交付"), Map.entry("hold", "暂停原因"), Map.entry("deliveredAt", "实际交付"),
            Map.entry("createdBy", "录入人"), Map.entry("reviewer", "审核人"), Map.entry("owner", "负责人"),
            Map.entry("carriers", "承运商及运单号"), Map.entry("exceptionNote", "异常说明"), Map.entry("createdAt", "录入时间"),
            Map.entry("updatedAt", "更新时间"),
            Map.entry("sku", "商品编码"), Map.entry("onHand", "在库"), Map.entry("reserved", "已预留"),
            Map.entry("available", "可用"), Map.entry("reorderPoint", "补货点"), Map.entry("held", "在途占用"),
            Map.entry("free", "可接单"), Map.entry("waiting", "等货订单"),
            Map.entry("alertId", "预警编号"), Map.entry("type", "类型"), Map.entry("orderStatus", "订单状态"),
            Map.entry("message", "说明"), Map.entry("dueAt", "到期时间"), Map.entry("at", "时间"),
            Map.entry("dimension", "维度"), Map.entry("key", "项目"), Map.entry("period", "期间"), Map.entry("month", "月份"),
            Map.entry("orders", "订单数"), Map.entry("units", "件数"), Map.entry("revenue", "销售额"),
            Map.entry("averageOrderValue", "平均订单金额"), Map.entry("delivered", "已送达"), Map.entry("onTime", "按时送达"),
            Map.entry("rate", "履约率"), Map.entry("firstOrderDate", "首次下单"), Map.entry("lastOrderDate", "最近下单"),
            Map.entry("repeat", "回头客"), Map.entry("customerClass", "客户等级"), Map.entry("stage", "环节"),
            Map.entry("count", "数量"), Map.entry("meanMillis", "平均时长（毫秒）"), Map.entry("p50Millis", "中位时长（毫秒）"),
            Map.entry("p90Millis", "90%分位时长（毫秒）"), Map.entry("placed", "下单数"),
            Map.entry("cancelled", "取消数"), Map.entry("cancellationRate", "取消率"),
            Map.entry("onTimeToFirstPromise", "按原定日期送达"), Map.entry("rateToFirstPromise", "原定日期履约率"),
            Map.entry("notYetDue", "未到期"), Map.entry("overdue1To30", "逾期1-30天"),
            Map.entry("overdue31To60", "逾期31-60天"), Map.entry("overdue61To90", "逾期61-90天"),
            Map.entry("overdueOver90", "逾期90天以上"), Map.entry("outstanding", "应收余额"));

    private Headers() {
    }

    /** {@code columns} with their headers in {@code language} ({@link #LANGUAGES}); the cells as they were. */
    public static <T> List<Column<T>> in(String language, List<Column<T>> columns) {
        if (!"zh".equals(language)) {
            return columns;
        }
        return columns.stream().map(c -> Column.of(CHINESE.getOrDefault(c.header(), c.header()), c.cell())).toList();
    }
}
