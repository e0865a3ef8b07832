package io.orderflow.streams.query;

import java.util.LinkedHashMap;
import java.util.Map;

/** A well-formed question of every kind of the peer protocol, as another instance sends it, by kind. */
final class PeerQuestions {

    static final String PATH = "/internal/v1/query";

    private PeerQuestions() {
    }

    /** Every kind; the keyed ones about order {@code orderId} and SKU {@code sku}. */
    static Map<String, String> of(String orderId, String sku) {
        Map<String, String> questions = new LinkedHashMap<>();
        questions.put("order", "{\"kind\":\"order\",\"key\":{\"id\":\"" + orderId + "\",\"timeoutMillis\":0}}");
        questions.put("order-history", "{\"kind\":\"order-history\",\"key\":{\"id\":\"" + orderId + "\"}}");
        questions.put("order-alerts", "{\"kind\":\"order-alerts\",\"orderId\":\"" + orderId + "\"}");
        questions.put("order-refusals", "{\"kind\":\"order-refusals\",\"orderId\":\"" + orderId + "\",\"standby\":false}");
        questions.put("stock-level", "{\"kind\":\"stock-level\",\"sku\":\"" + sku + "\",\"standby\":false}");
        questions.put("orders", "{\"kind\":\"orders\",\"filter\":{\"statuses\":[]},\"slices\":{\"standby\":true,\"size\":10}}");
        questions.put("archive-month", "{\"kind\":\"archive-month\",\"month\":\"2026-11\","
                + "\"slices\":{\"standby\":true,\"size\":10}}");
        questions.put("stock", "{\"kind\":\"stock\",\"belowReorder\":false,\"slices\":{\"standby\":true,\"size\":10}}");
        questions.put("alerts", "{\"kind\":\"alerts\",\"slices\":{\"standby\":true,\"size\":10}}");
        questions.put("sales", "{\"kind\":\"sales\",\"by\":\"category\",\"window\":\"day\",\"asOf\":\"2026-11-22T08:00:00Z\","
                + "\"slices\":{\"standby\":true,\"size\":10}}");
        questions.put("report-monthly", "{\"kind\":\"report-monthly\",\"month\":\"2026-11\",\"slices\":{\"size\":10}}");
        questions.put("report-fulfilment", "{\"kind\":\"report-fulfilment\",\"slices\":{\"size\":10}}");
        questions.put("report-customers", "{\"kind\":\"report-customers\",\"slices\":{\"size\":10}}");
        questions.put("report-cycle-times", "{\"kind\":\"report-cycle-times\",\"slices\":{\"size\":10}}");
        questions.put("report-receivables", "{\"kind\":\"report-receivables\",\"asOf\":\"2026-11-22T08:00:00Z\","
                + "\"slices\":{\"size\":10}}");
        questions.put("report-cancellations", "{\"kind\":\"report-cancellations\",\"slices\":{\"size\":10}}");
        return questions;
    }
}
