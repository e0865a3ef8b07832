package io.orderflow.serde;

import java.util.Map;

/**
 * The settings of the serde, under the same names as Confluent's so that an existing
 * configuration carries over.
 *
 * @param registryUrls comma-separated base URLs of a Confluent-compatible registry
 * @param autoRegister register the writer's schema on first use; when false the schema must already be registered
 */
public record AvroSerdeConfig(String registryUrls, boolean autoRegister) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    public static AvroSerdeConfig from(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("missing serde setting " + SCHEMA_REGISTRY_URL);
        }
        Object autoRegister = configs.get(AUTO_REGISTER_SCHEMAS);
        return new AvroSerdeConfig(
                url.toString(), autoRegister == null || Boolean.parseBoolean(autoRegister.toString()));
    }

    public Map<String, Object> asMap() {
        return Map.of(SCHEMA_REGISTRY_URL, registryUrls, AUTO_REGISTER_SCHEMAS, autoRegister);
    }
}
