package io.orderflow.streams.query.state;

import io.orderflow.api.Settings;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * What the instances of one deployment prove to each other with, in {@value #HEADER} on every peer call: the
 * setting {@value #SETTING}, the same on every instance. Without it an instance makes up a random secret it
 * shares with nobody: alone it needs none, and with others every peer call between them is refused, never
 * honoured from a client. Compared in constant time (digests compared with {@link MessageDigest#isEqual}); never
 * printed.
 */
public final class PeerSecret {

    public static final String HEADER = "X-Orderflow-Peer-Secret";
    public static final String SETTING = "QUERY_PEER_SECRET";
    /** Shorter secrets are guessed; the app does not start with one. */
    static final int MIN_LENGTH = 16;

    private final String value;
    private final byte[] digest;
    private final boolean shared;

    private PeerSecret(String value, boolean shared) {
        this.value = value;
        this.digest = sha256(value);
        this.shared = shared;
    }

    /** The deployment's secret; at least {@value #MIN_LENGTH} characters. */
    public static PeerSecret of(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException(SETTING + " must be at least " + MIN_LENGTH + " characters");
        }
        return new PeerSecret(value.strip(), true);
    }

    /** A secret nobody else knows: this instance honours no peer call. */
    public static PeerSecret unshared() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new PeerSecret(HexFormat.of().formatHex(random), false);
    }

    /** {@value #SETTING} from the settings, or {@link #unshared()} when it is unset. */
    public static PeerSecret from(Map<String, String> settings) {
        String value = Settings.text(settings, SETTING, null);
        return value == null ? unshared() : of(value);
    }

    /** Whether the deployment set it (false: made up here, peer calls from other instances are refused). */
    public boolean shared() {
        return shared;
    }

    /** Whether {@code presented} (a peer's {@value #HEADER}, possibly absent) is this secret. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** {@code call} carrying this secret in {@value #HEADER}: how an instance proves its peer calls. */
    public HttpRequest.Builder sign(HttpRequest.Builder call) {
        return call.header(HEADER, value);
    }

    /** The header value peer calls carry. */
    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "PeerSecret[" + (shared ? SETTING : "unshared") + "]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
