package io.orderflow.gateway.ledger;

import io.orderflow.avro.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a ledger's rows say happened to their order: its status and execution columns (订单状态, 审核人, 审核时间,
 * 已发货数量, 发货日期, 物流信息, 实际交付日期, 付款状态/已付款, 异常说明, 负责人, 创建人, 创建时间, 更新时间). An order
 * that has them is imported in that status ({@code ImportOrder}), which administrators only may do.
 *
 * @param shipped units shipped per SKU (已发货数量), empty when the ledger does not say
 * @param paidAmount what was paid (已付款, or the total for 付款状态 PAID), null when the ledger does not say
 */
public record LedgerState(
        OrderStatus status,
        String reviewer,
        Instant reviewedAt,
        Map<String, Integer> shipped,
        Instant shippedAt,
        List<Parcel> parcels,
        Instant deliveredAt,
        BigDecimal paidAmount,
        String exceptionNote,
        String owner,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The statuses an order can be imported in (the streams app's transition table, rows of {@code ImportOrder}).
     * Returns are not: a ledger has no column for the return request.
     */
    public static final Set<OrderStatus> IMPORTABLE = EnumSet.of(OrderStatus.PENDING_REVIEW, OrderStatus.RETURNED,
            OrderStatus.APPROVED, OrderStatus.AWAITING_STOCK, OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED,
            OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED, OrderStatus.COMPLETED, OrderStatus.CANCELLED,
            OrderStatus.SERVICE_SCHEDULED);

    /** One parcel of 物流信息: {@code carrier trackingNumber}. */
    public record Parcel(String carrier, String trackingNumber) {
    }
}
