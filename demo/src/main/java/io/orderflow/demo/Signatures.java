package io.orderflow.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The tracking webhook's signature: {@code X-Orderflow-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>}. */
public final class Signatures {

    public static final String HEADER = "X-Orderflow-Signature";

    private Signatures() {
    }

    /** The header value for exactly these body bytes (sign what is sent, never a re-serialization). */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
