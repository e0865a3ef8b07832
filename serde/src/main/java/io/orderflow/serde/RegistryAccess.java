package io.orderflow.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a registry client proves itself and whom it trusts, under Confluent's client setting names so that an
 * existing configuration carries over: {@value #CREDENTIALS_SOURCE} {@code USER_INFO} with {@value #USER_INFO}
 * ({@code user:password}, sent as HTTP basic authentication), and a TLS truststore
 * ({@value #TRUSTSTORE_LOCATION}, {@value #TRUSTSTORE_PASSWORD}, {@value #TRUSTSTORE_TYPE}, PKCS12 by default).
 * Neither is ever part of a message or log line.
 */
public final class RegistryAccess {

    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

    static final RegistryAccess NONE = new RegistryAccess(Optional.empty(), Optional.empty());

    private final Optional<String> authorization;
    private final Optional<SSLContext> ssl;

    private RegistryAccess(Optional<String> authorization, Optional<SSLContext> ssl) {
        this.authorization = authorization;
        this.ssl = ssl;
    }

    /** From Confluent-named settings; a source other than USER_INFO, or USER_INFO without user info, is refused. */
    public static RegistryAccess from(Map<String, ?> configs) {
        Optional<String> source = text(configs, CREDENTIALS_SOURCE);
        Optional<String> userInfo = text(configs, USER_INFO);
        Optional<String> authorization = Optional.empty();
        if (source.isPresent() || userInfo.isPresent()) {
            if (!source.orElse("USER_INFO").equals("USER_INFO")) {
                throw new IllegalArgumentException(CREDENTIALS_SOURCE + " must be USER_INFO, the only source taken here");
            }
            String credentials = userInfo.orElseThrow(() -> new IllegalArgumentException(
                    CREDENTIALS_SOURCE + " USER_INFO needs " + USER_INFO + " (user:password)"));
            if (!credentials.contains(":")) {
                throw new IllegalArgumentException(USER_INFO + " must be user:password");
            }
            authorization = Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        Optional<SSLContext> ssl = text(configs, TRUSTSTORE_LOCATION).map(location -> trusting(Path.of(location),
                text(configs, TRUSTSTORE_PASSWORD).orElse(""), text(configs, TRUSTSTORE_TYPE).orElse("PKCS12")));
        return new RegistryAccess(authorization, ssl);
    }

    Optional<String> authorization() {
        return authorization;
    }

    Optional<SSLContext> ssl() {
        return ssl;
    }

    private static SSLContext trusting(Path truststore, String password, String type) {
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the registry truststore " + truststore + " (" + TRUSTSTORE_LOCATION
                    + ") cannot be read as " + type + " (" + TRUSTSTORE_TYPE + ") with the password given ("
                    + TRUSTSTORE_PASSWORD + ")", e);
        }
    }

    private static Optional<String> text(Map<String, ?> configs, String name) {
        Object value = configs.get(name);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }
}
