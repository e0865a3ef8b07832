package io.orderflow.streams.query.export;

import static io.orderflow.streams.query.export.Column.of;

import io.orderflow.streams.query.view.Rows.CustomerRow;
import io.orderflow.streams.query.view.Rows.CycleTimeRow;
import io.orderflow.streams.query.view.Rows.CancellationsRow;
import io.orderflow.streams.query.view.Rows.FulfilmentRow;
import io.orderflow.streams.query.view.Rows.MonthlyRow;
import io.orderflow.streams.query.view.Rows.ReceivableRow;
import io.orderflow.streams.query.view.Rows.SalesRow;
import io.orderflow.streams.query.view.Views.AlertView;
import io.orderflow.streams.query.view.Views.OrderView;
import io.orderflow.streams.query.view.Views.StockView;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of every export. An order exports as one row, lines summarised; personal data is
 * already masked in the views the columns read, so exports mask exactly as JSON does.
 */
public final class Tables {

    private Tables() {
    }

    public static final List<Column<OrderView>> ORDERS = List.of(
            of("orderId", OrderView::orderId),
            of("orderDate", OrderView::orderDate),
            of("channel", OrderView::channel),
            of("customerId", o -> o.customer().id()),
            of("customerName", o -> o.customer().name()),
            of("contactName", o -> o.customer().contactName()),
            of("phone", o -> o.customer().phone()),
            of("address", o -> o.customer().address()),
            of("status", OrderView::status),
            of("colour", OrderView::colour),
            of("paymentMethod", OrderView::paymentMethod),
            of("paymentStatus", OrderView::paymentStatus),
            of("currency", OrderView::currency),
            of("totalAmount", OrderView::totalAmount),
            of("paidAmount", OrderView::paidAmount),
            of("lines", o -> o.lines().stream().map(l -> l.sku() + " x" + l.quantity()).collect(Collectors.joining("; "))),
            of("expectedDeliveryDate", OrderView::expectedDeliveryDate),
            of("deliveredAt", OrderView::deliveredAt),
            of("promisedDeliveryDate", OrderView::promisedDeliveryDate),
            of("hold", o -> o.hold() == null ? null : o.hold().reason()),
            of("createdBy", o -> o.createdBy() == null ? null : o.createdBy().id()),
            of("reviewer", o -> o.reviewer() == null ? null : o.reviewer().id()),
            of("owner", OrderView::owner),
            of("carriers", o -> o.shipments().stream().map(s -> s.carrier() + " " + s.trackingNumber())
                    .collect(Collectors.joining("; "))),
            of("exceptionNote", OrderView::exceptionNote),
            of("createdAt", OrderView::createdAt),
            of("updatedAt", OrderView::updatedAt));

    public static final List<Column<StockView>> STOCK = List.of(
            of("sku", StockView::sku), of("onHand", StockView::onHand), of("reserved", StockView::reserved),
            of("available", StockView::available), of("reorderPoint", StockView::reorderPoint),
            of("held", StockView::held), of("free", StockView::free), of("waiting", StockView::waiting));

    public static final List<Column<AlertView>> ALERTS = List.of(
            of("alertId", AlertView::alertId), of("type", AlertView::type), of("orderId", AlertView::orderId),
            of("sku", AlertView::sku), of("orderStatus", AlertView::orderStatus), of("message", AlertView::message),
            of("dueAt", AlertView::dueAt), of("at", AlertView::at));

    public static final List<Column<SalesRow>> SALES = List.of(
            of("dimension", SalesRow::dimension), of("key", SalesRow::key), of("period", SalesRow::period),
            of("orders", SalesRow::orders), of("units", SalesRow::units), of("revenue", SalesRow::revenue),
            of("currency", SalesRow::currency),
            of("averageOrderValue", SalesRow::averageOrderValue));

    public static final List<Column<MonthlyRow>> MONTHLY = List.of(
            of("month", MonthlyRow::month), of("dimension", MonthlyRow::dimension), of("key", MonthlyRow::key),
            of("orders", MonthlyRow::orders), of("units", MonthlyRow::units), of("revenue", MonthlyRow::revenue),
            of("currency", MonthlyRow::currency));

    public static final List<Column<FulfilmentRow>> FULFILMENT = List.of(
            of("month", FulfilmentRow::month), of("dimension", FulfilmentRow::dimension),
            of("key", FulfilmentRow::key), of("delivered", FulfilmentRow::delivered),
            of("onTime", FulfilmentRow::onTime), of("rate", FulfilmentRow::rate),
            of("onTimeToFirstPromise", FulfilmentRow::onTimeToFirstPromise),
            of("rateToFirstPromise", FulfilmentRow::rateToFirstPromise));

    public static final List<Column<CustomerRow>> CUSTOMERS = List.of(
            of("customerId", CustomerRow::customerId), of("orders", CustomerRow::orders),
            of("units", CustomerRow::units), of("revenue", CustomerRow::revenue), of("currency", CustomerRow::currency),
            of("firstOrderDate", CustomerRow::firstOrderDate), of("lastOrderDate", CustomerRow::lastOrderDate),
            of("repeat", CustomerRow::repeat), of("customerClass", CustomerRow::customerClass));

    public static final List<Column<CancellationsRow>> CANCELLATIONS = List.of(
            of("month", CancellationsRow::month), of("placed", CancellationsRow::placed),
            of("cancelled", CancellationsRow::cancelled),
            of("cancellationRate", CancellationsRow::cancellationRate));

    public static final List<Column<CycleTimeRow>> CYCLE_TIMES = List.of(
            of("month", CycleTimeRow::month), of("stage", CycleTimeRow::stage), of("count", CycleTimeRow::count),
            of("meanMillis", CycleTimeRow::meanMillis), of("p50Millis", CycleTimeRow::p50Millis),
            of("p90Millis", CycleTimeRow::p90Millis));

    public static final List<Column<ReceivableRow>> RECEIVABLES = List.of(
            of("customerId", ReceivableRow::customerId), of("customerName", ReceivableRow::customerName),
            of("currency", ReceivableRow::currency), of("orders", ReceivableRow::orders),
            of("notYetDue", ReceivableRow::notYetDue), of("overdue1To30", ReceivableRow::overdue1To30),
            of("overdue31To60", ReceivableRow::overdue31To60), of("overdue61To90", ReceivableRow::overdue61To90),
            of("overdueOver90", ReceivableRow::overdueOver90), of("outstanding", ReceivableRow::outstanding));
}
