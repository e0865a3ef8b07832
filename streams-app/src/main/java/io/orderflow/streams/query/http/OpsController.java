package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.api.Monitoring;
import io.orderflow.streams.query.live.Metrics;
import io.orderflow.streams.query.state.StateReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/** Health, metrics, the OpenAPI document and who owns what. */
public final class OpsController {

    private final Supplier<String> streamsState;
    private final StateReader state;
    private final Metrics metrics;

    public OpsController(Supplier<String> streamsState, StateReader state, Metrics metrics) {
        this.streamsState = streamsState;
        this.state = state;
        this.metrics = metrics;
    }

    /** Live while the process runs. */
    public void live(Context ctx) {
        ctx.json(Map.of("status", "UP"));
    }

    /** Ready while Kafka Streams is RUNNING. */
    public void ready(Context ctx) {
        String current = streamsState.get();
        ctx.status("RUNNING".equals(current) ? 200 : 503).json(Map.of("status", current));
    }

    public void metrics(Context ctx) {
        ctx.contentType(Monitoring.CONTENT_TYPE).result(metrics.scrape());
    }

    public void openApi(Context ctx) {
        try (InputStream document = OpsController.class.getResourceAsStream("/openapi.json")) {
            if (document == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            ctx.contentType("application/json").result(document.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every instance, the partitions of each store it holds active and standby, and which one answered. */
    public void instances(Context ctx) {
        ctx.json(Map.of("self", state.self().host() + ":" + state.self().port(), "instances", state.instances()));
    }
}
