package io.orderflow.gateway.service;

import io.orderflow.api.Principal;
import io.orderflow.avro.TrackingScan;
import io.orderflow.gateway.api.Accepted;
import io.orderflow.gateway.api.OrderRequests.TrackingBody;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Logistics partners' tracking scans: checks the webhook signature and the carrier, and writes each partner event
 * once to {@code tracking-scans}, keyed by {@code carrier:trackingNumber}. A repeated event id gets the first
 * answer; the scan's event id is the partner's, so the streams app also drops a repeat.
 */
public final class PartnerService {

    /** The signature header's value: {@code sha256=} and the hex HMAC-SHA256 of the raw body. */
    public static final String SIGNATURE_PREFIX = "sha256=";

    private final EventLog eventLog;
    private final GatewayTopics topics;
    private final Idempotency idempotency;

    public PartnerService(EventLog eventLog, GatewayTopics topics, Idempotency idempotency) {
        this.eventLog = eventLog;
        this.topics = topics;
        this.idempotency = idempotency;
    }

    /** Refuses a body whose signature is missing or is not the HMAC of the partner's secret. */
    public void verifySignature(Principal partner, byte[] rawBody, String signatureHeader) {
        if (partner.webhookSecret() == null) {
            throw new GatewayException.Forbidden("only a logistics partner posts tracking scans");
        }
        if (signatureHeader == null || !signatureHeader.startsWith(SIGNATURE_PREFIX)) {
            throw new GatewayException.Unauthenticated("missing X-Orderflow-Signature: sha256=<hex HMAC-SHA256>");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHeader.substring(SIGNATURE_PREFIX.length()).trim()
                    .toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GatewayException.Unauthenticated("the signature does not match the body");
        }
        if (!MessageDigest.isEqual(hmac(partner.webhookSecret(), rawBody), given)) {
            throw new GatewayException.Unauthenticated("the signature does not match the body");
        }
    }

    public CompletableFuture<Idempotency.Outcome> scan(Principal partner, TrackingBody body) {
        if (!partner.carrier().equalsIgnoreCase(body.carrier())) {
            throw new GatewayException.Forbidden("a partner posts scans of its own carrier only");
        }
        String carrier = partner.carrier();
        return idempotency.once(Keys.scan(carrier, body.eventId()), null, commandId -> {
            TrackingScan scan = TrackingScan.newBuilder()
                    .setEventId(body.eventId())
                    .setCarrier(carrier)
                    .setTrackingNumber(body.trackingNumber())
                    .setStatus(body.status())
                    .setAt(body.at())
                    .setLocation(body.location())
                    .setActor(partner.actor())
                    .build();
            return eventLog.append(topics.trackingScans(), carrier + ":" + body.trackingNumber(), scan)
                    .thenApply(written -> Accepted.scan(body.eventId(), commandId, written.token()));
        });
    }

    /** The signature a partner computes: hex HMAC-SHA256 of the raw body with its secret. */
    public static String sign(String secret, byte[] rawBody) {
        return SIGNATURE_PREFIX + HexFormat.of().formatHex(hmac(secret, rawBody));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
