package io.orderflow.gateway.http;

import io.javalin.http.Context;
import io.orderflow.api.Authentication;
import io.orderflow.gateway.api.OrderRequests;
import io.orderflow.gateway.api.RequestReader;
import io.orderflow.gateway.service.PartnerService;
import io.orderflow.api.Principal;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code POST /v1/tracking}: a partner's scan, signed with {@code X-Orderflow-Signature: sha256=<hex>} over the raw
 * body. The signature is checked before the body is even parsed.
 */
public final class TrackingController {

    public static final String SIGNATURE_HEADER = "X-Orderflow-Signature";

    private final PartnerService partners;

    private final Supplier<Instant> now;

    /** A scan dated ahead of {@code now} by more than the skew allowed is refused. */
    public TrackingController(PartnerService partners, Supplier<Instant> now) {
        this.partners = partners;
        this.now = now;
    }

    public void scan(Context ctx) {
        Principal partner = Authentication.principal(ctx);
        byte[] raw = Bodies.raw(ctx);
        partners.verifySignature(partner, raw, ctx.header(SIGNATURE_HEADER));
        OrderRequests.TrackingBody scan = RequestReader.tracking(Bodies.parse(raw), now.get());
        Answers.accepted(ctx, partners.scan(partner, scan));
    }
}
