package io.orderflow.streams.query.export;

import io.orderflow.streams.query.view.Views.LineView;
import io.orderflow.streams.query.view.Views.OrderView;
import io.orderflow.streams.query.view.Views.ShipmentView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Orders as a shop keeps its ledger (订单台账): one row per order line, the order's columns repeated on
 * each, headers in English or in the source documents' Chinese. The headers are the words the gateway's
 * ledger import reads ({@code LedgerReader.Column} in {@code ingest-gateway}; the status and execution
 * columns the words of {@code docs/domain.md}), and cells are written as it reads them (enum names, ISO
 * dates, two-place amounts; times as ISO instants), so that what an admin exports imports back. Personal
 * data is as masked as in the views the rows come from.
 */
public final class OrderLedgerTable {

    /** One line of an order, with the order it belongs to. */
    public record LedgerRow(OrderView order, LineView line) {
    }

    private record Header(String english, String chinese, Function<LedgerRow, Object> cell) {
    }

    private static final List<Header> HEADERS = List.of(
            new Header("orderId", "订单编号", r -> r.order().orderId()),
            new Header("orderDate", "下单日期", r -> r.order().orderDate()),
            new Header("channel", "渠道", r -> r.order().channel()),
            new Header("customerId", "客户编号", r -> r.order().customer().id()),
            new Header("customerName", "客户名称", r -> r.order().customer().name()),
            new Header("contactName", "联系人", r -> r.order().customer().contactName()),
            new Header("phone", "联系电话", r -> r.order().customer().phone()),
            new Header("address", "收货地址", r -> r.order().customer().address()),
            new Header("sku", "商品编号", r -> r.line().sku()),
            new Header("productName", "商品名称", r -> r.line().productName()),
            new Header("spec", "规格型号", r -> r.line().spec()),
            new Header("quantity", "数量", r -> r.line().quantity()),
            new Header("unitPrice", "单价", r -> r.line().unitPrice()),
            new Header("amount", "金额", r -> r.line().amount()),
            new Header("shippedQuantity", "已发货数量", r -> r.line().shippedQuantity()),
            new Header("expectedDeliveryDate", "预计交货日期", r -> r.order().expectedDeliveryDate()),
            new Header("paymentMethod", "付款方式", r -> r.order().paymentMethod()),
            new Header("currency", "币种", r -> r.order().currency()),
            new Header("discount", "折扣", r -> r.order().discount()),
            new Header("notes", "备注", r -> r.order().notes()),
            new Header("status", "订单状态", r -> r.order().status()),
            new Header("reviewer", "审核人", r -> r.order().reviewer() == null ? null : r.order().reviewer().id()),
            new Header("reviewedAt", "审核时间", r -> r.order().reviewedAt()),
            new Header("shippedAt", "发货日期", r -> firstShipped(r.order())),
            new Header("tracking", "物流信息", r -> r.order().shipments().stream()
                    .map(s -> s.carrier() + " " + s.trackingNumber()).collect(Collectors.joining("; "))),
            new Header("deliveredAt", "实际交付日期", r -> lastDelivered(r.order())),
            new Header("paymentStatus", "付款状态", r -> r.order().paymentStatus()),
            new Header("paidAmount", "已付款", r -> r.order().paidAmount()),
            new Header("exceptionNote", "异常说明", r -> r.order().exceptionNote()),
            new Header("owner", "负责人", r -> r.order().owner()),
            new Header("createdBy", "创建人", r -> r.order().createdBy() == null ? null : r.order().createdBy().id()),
            new Header("createdAt", "创建时间", r -> r.order().createdAt()),
            new Header("updatedAt", "更新时间", r -> r.order().updatedAt()));

    private OrderLedgerTable() {
    }

    /** The columns, headed in {@code language}. */
    public static List<Column<LedgerRow>> columns(HeaderLanguage language) {
        List<Column<LedgerRow>> columns = new ArrayList<>(HEADERS.size());
        for (Header header : HEADERS) {
            columns.add(Column.of(language == HeaderLanguage.ZH ? header.chinese() : header.english(), header.cell()));
        }
        return columns;
    }

    /** A row per line of each order, in the orders' order, read as they come. */
    public static Iterator<LedgerRow> rows(Iterator<OrderView> orders) {
        Objects.requireNonNull(orders, "orders");
        return new Iterator<>() {
            private OrderView order;
            private Iterator<LineView> lines = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!lines.hasNext() && orders.hasNext()) {
                    order = orders.next();
                    lines = order.lines().iterator();
                }
                return lines.hasNext();
            }

            @Override
            public LedgerRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return new LedgerRow(order, lines.next());
            }
        };
    }

    private static Instant firstShipped(OrderView order) {
        return order.shipments().stream().map(ShipmentView::shippedAt).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
    }

    /** When the last parcel was delivered, once every one is: the order's delivery. */
    private static Instant lastDelivered(OrderView order) {
        List<ShipmentView> shipments = order.shipments();
        if (shipments.isEmpty() || shipments.stream().anyMatch(s -> s.deliveredAt() == null)) {
            return null;
        }
        return shipments.stream().map(ShipmentView::deliveredAt).max(Instant::compareTo).orElse(null);
    }
}
