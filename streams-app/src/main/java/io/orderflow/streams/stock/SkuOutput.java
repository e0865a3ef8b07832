package io.orderflow.streams.stock;

import io.orderflow.avro.Alert;
import io.orderflow.avro.PurchaseRequest;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.StockAnswer;
import io.orderflow.avro.StockMessage;

/** What a SKU's task writes, one type per destination; {@link StockTopology} routes each to its sink by its type. */
sealed interface SkuOutput {

    /** What is written. */
    Object value();

    /** The next step of an order's chain, to the next SKU's task on {@code orderflow-stock-by-sku}. */
    record NextStep(StockMessage value) implements SkuOutput {
    }

    /** An answer (reserved, short, wake) to the order's task on {@code orderflow-stock-answers}. */
    record Answer(StockAnswer value) implements SkuOutput {
    }

    /** A real shortage, to {@code purchase-requests}. */
    record Purchase(PurchaseRequest value) implements SkuOutput {
    }

    /** LOW_STOCK raised or cleared, to {@code alerts}. */
    record LowStock(Alert value) implements SkuOutput {
    }

    /** A stock movement refused, to {@code order-refusals}. */
    record Refused(Refusal value) implements SkuOutput {
    }
}
