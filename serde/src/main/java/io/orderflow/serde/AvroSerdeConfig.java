package io.orderflow.serde;

import io.orderflow.api.Settings;
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

    /**
     * The settings from a Kafka client's configs, read as every setting of the project ({@link Settings}): a value
     * of {@value #AUTO_REGISTER_SCHEMAS} that is no yes or no stops the client, naming the setting, rather than
     * meaning false.
     */
    public static AvroSerdeConfig from(Map<String, ?> configs) {
        String url = Settings.text(configs, SCHEMA_REGISTRY_URL, null);
        if (url == null) {
            throw new IllegalArgumentException("missing serde setting " + SCHEMA_REGISTRY_URL);
        }
        return new AvroSerdeConfig(url, Settings.flag(configs, AUTO_REGISTER_SCHEMAS, true));
    }

    public Map<String, Object> asMap() {
        return Map.of(SCHEMA_REGISTRY_URL, registryUrls, AUTO_REGISTER_SCHEMAS, autoRegister);
    }
}
