package io.orderflow.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.Context;
import io.orderflow.api.Monitoring;
import io.orderflow.gateway.service.Metrics;
import io.orderflow.gateway.service.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /health/live}, {@code /health/ready}, {@code /metrics} and {@code /openapi.json}. */
public final class HealthController {

    private final Readiness readiness;
    private final Metrics metrics;
    private final byte[] openApi;

    public HealthController(Readiness readiness, Metrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
        try (InputStream in = HealthController.class.getResourceAsStream("/openapi.json")) {
            this.openApi = in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of the health routes; reason only when DOWN. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(String status, String reason) {
    }

    public void live(Context ctx) {
        ctx.json(new Health("UP", null));
    }

    /** Ready only while Kafka is reachable and the idempotency answers are read back. */
    public void ready(Context ctx) {
        String because = readiness.notReadyBecause();
        if (because == null) {
            ctx.json(new Health("UP", null));
        } else {
            ctx.status(503).header("Retry-After", "5").json(new Health("DOWN", because));
        }
    }

    public void metrics(Context ctx) {
        ctx.contentType(Monitoring.CONTENT_TYPE).result(metrics.scrape());
    }

    public void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }
}
