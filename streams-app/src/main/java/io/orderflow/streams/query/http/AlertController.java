package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.avro.AlertType;
import io.orderflow.streams.alerts.AlertTopology;
import io.orderflow.streams.query.export.Tables;
import io.orderflow.streams.query.service.AlertQueries;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code GET /v1/alerts?type=} (also {@code orderId=}): the alerts that hold now. */
public final class AlertController {

    static final List<String> TYPES = Arrays.stream(AlertType.values()).map(Enum::name).filter(t -> !t.equals("UNKNOWN")).toList();

    private final AlertQueries alerts;
    private final Answers answers;

    public AlertController(AlertQueries alerts, Answers answers) {
        this.alerts = alerts;
        this.answers = answers;
    }

    public void list(Context ctx) {
        Optional<String> type = Params.upperOneOf(ctx, "type", TYPES);
        Optional<String> orderId = Params.optional(ctx, "orderId");
        Exports.format(ctx);
        var rows = answers.afterWrite(ctx, AlertTopology.ACTIVE_STORE,
                () -> alerts.list(type, orderId, Callers.of(ctx)));
        answers.list(ctx, rows, "alerts", Tables.ALERTS);
    }
}
