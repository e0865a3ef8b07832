package io.orderflow.api;

import java.util.HashMap;
import java.util.Map;

/**
 * How the apps reach a secured schema registry, from the environment in the convention of Confluent's images:
 * {@code SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE=USER_INFO} with {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}
 * ({@code user:password}), and {@code SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION}, {@code _PASSWORD}, {@code _TYPE}.
 * The secrets may come from files ({@code <NAME>_FILE}, {@link Settings#secret}). The result carries the client
 * settings' Confluent names, as serde's {@code RegistryAccess} takes them.
 */
public final class RegistryConnection {

    private static final Map<String, String> SETTINGS = Map.of(
            "SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE", "basic.auth.credentials.source",
            "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "basic.auth.user.info",
            "SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION", "schema.registry.ssl.truststore.location",
            "SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD", "schema.registry.ssl.truststore.password",
            "SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE", "schema.registry.ssl.truststore.type");

    private RegistryConnection() {
    }

    public static Map<String, String> from(Map<String, String> env) {
        Map<String, String> configs = new HashMap<>();
        SETTINGS.forEach((variable, name) -> {
            String value = Settings.secret(env, variable);
            if (value != null) {
                configs.put(name, value);
            }
        });
        return configs;
    }
}
