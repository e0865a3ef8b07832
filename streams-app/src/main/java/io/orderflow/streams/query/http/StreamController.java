package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.orderflow.api.Authentication;
import io.orderflow.avro.Alert;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.Refusal;
import io.orderflow.streams.query.live.Change;
import io.orderflow.streams.query.live.ChangeFeed;
import io.orderflow.streams.query.view.Audience;
import io.orderflow.streams.query.view.Views;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/stream}: Server-Sent Events of order changes (event {@code order}), alerts
 * (event {@code alert}) and commands the streams app refused (event {@code refusal}, the order unchanged), filtered
 * by {@code type=order|alert|refusal}, {@code status=} (the order's new status, or for a refusal the status it
 * stayed in; comma list) and {@code orderId=}; personal data masked as in JSON answers.
 */
public final class StreamController {

    /** The live stream's path, the one that also takes its key as {@code ?key=}: a browser's EventSource sends no header. */
    public static final String PATH = "/v1/stream";

    /** An order change on the stream: what happened and the order after it. */
    public record OrderChange(String eventId, String orderId, String action, String actor, String role,
                              String fromStatus, String toStatus, String reason, Instant at, Views.OrderView order) {
    }

    static final java.util.List<String> TYPES = java.util.List.of("order", "alert", "refusal");

    private final ChangeFeed feed;
    private final Clock clock;

    public StreamController(ChangeFeed feed, Clock clock) {
        this.feed = feed;
        this.clock = clock;
    }

    /** Checks the filters before the stream opens, so a wrong one is a 400 and not an empty stream. */
    public void check(Context ctx) {
        Params.oneOf(ctx, "type", TYPES);
        Params.statuses(ctx);
    }

    public void stream(SseClient client) {
        Context ctx = client.ctx();
        Audience audience = Audience.of(Authentication.principal(ctx).role());
        Optional<String> type = Params.oneOf(ctx, "type", TYPES);
        Set<String> statuses = Params.statuses(ctx);
        Optional<String> orderId = Params.optional(ctx, "orderId");
        client.keepAlive();
        // One writer at a time: the feed's thread sends changes while the request's thread may still be sending the
        // opening comment, and a client's output takes no two writes at once (a write that fails drops the listener).
        Object writing = new Object();
        Runnable unsubscribe = feed.subscribe(change -> send(writing, client, audience, type, statuses, orderId, change));
        client.onClose(unsubscribe);
        // Sent once listening, so a client that has read it misses no change from then on.
        synchronized (writing) {
            client.sendComment("orderflow live stream");
        }
    }

    private void send(Object writing, SseClient client, Audience audience, Optional<String> type,
                      Set<String> statuses, Optional<String> orderId, Change change) {
        synchronized (writing) {
            if (client.terminated()) {
                throw new IllegalStateException("client gone");
            }
            if (change instanceof Change.OrderChanged order && type.map("order"::equals).orElse(true)) {
                OrderEvent e = order.event();
                if ((statuses.isEmpty() || statuses.contains(e.getToStatus().name()))
                        && orderId.map(e.getOrderId()::equals).orElse(true)) {
                    client.sendEvent("order", new OrderChange(e.getEventId(), e.getOrderId(), e.getAction(),
                            e.getActor().getId(), e.getActor().getRole().name().toLowerCase(Locale.ROOT),
                            e.getFromStatus() == null ? null : e.getFromStatus().name(), e.getToStatus().name(),
                            e.getReason(), e.getAt(), Views.order(e.getOrder(), audience, LocalDate.now(clock))));
                }
            } else if (change instanceof Change.CommandRefused refused && type.map("refusal"::equals).orElse(true)) {
                Refusal r = refused.refusal();
                if (orderId.map(id -> id.equals(r.getOrderId())).orElse(true)
                        && (statuses.isEmpty() || r.getStatus() != null && statuses.contains(r.getStatus().name()))) {
                    client.sendEvent("refusal", Views.refusal(r));
                }
            } else if (change instanceof Change.AlertChanged alert && type.map("alert"::equals).orElse(true)) {
                Alert a = alert.alert();
                if (orderId.map(id -> id.equals(a.getOrderId())).orElse(true)
                        && (statuses.isEmpty() || a.getOrderStatus() != null && statuses.contains(a.getOrderStatus().name()))) {
                    client.sendEvent("alert", Views.alert(a));
                }
            }
        }
    }
}
