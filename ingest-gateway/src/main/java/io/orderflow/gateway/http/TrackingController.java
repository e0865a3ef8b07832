package io.orderflow.gateway.http;

import io.javalin.http.Context;
import io.orderflow.gateway.api.OrderRequests;
import io.orderflow.gateway.api.RequestReader;
import io.orderflow.gateway.service.PartnerService;
import io.orderflow.api.Principal;

/**
 * {@code POST /v1/tracking}: a partner's scan, signed with {@code X-Orderflow-Signature: sha256=<hex>} over the raw
 * body. The signature is checked before the body is even parsed.
 */
public final class TrackingController {

    public static final String SIGNATURE_HEADER = "X-Orderflow-Signature";

    private final PartnerService partners;

    public TrackingController(PartnerService partners) {
        this.partners = partners;
    }

    public void scan(Context ctx) {
        Principal partner = Authentication.principal(ctx);
        byte[] raw = Bodies.raw(ctx);
        partners.verifySignature(partner, raw, ctx.header(SIGNATURE_HEADER));
        OrderRequests.TrackingBody scan = RequestReader.tracking(Bodies.parse(raw));
        Answers.accepted(ctx, partners.scan(partner, scan));
    }
}
