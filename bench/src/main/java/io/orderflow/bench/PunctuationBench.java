package io.orderflow.bench;

import java.util.Optional;

/** Figure 7 (placeholder until measured). */
final class PunctuationBench {

    private PunctuationBench() {
    }

    static void run(int openOrders, Report report) {
        report.add(new Row("7. alert punctuation cost, " + openOrders + " open orders, none due", "not measured yet",
                "1 000 open orders", Optional.empty(), "within 2 ×", Optional.empty()));
    }
}
