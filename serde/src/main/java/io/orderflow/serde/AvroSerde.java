package io.orderflow.serde;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serde of one Avro type in Confluent's wire format.
 *
 * <pre>{@code
 * Serde<OrderCommand> commands = AvroSerde.specific(OrderCommand.class, registry, false);
 * }</pre>
 */
public final class AvroSerde {

    private AvroSerde() {
    }

    /** A serde of a specific record class whose subject follows the topic name; registers schemas on first use. */
    public static <T> Serde<T> specific(Class<T> type, SchemaRegistryClient registry, boolean isKey) {
        return specific(type, registry, true, isKey);
    }

    /** A serde of a specific record class; with {@code autoRegister} false the schema must be registered already. */
    public static <T> Serde<T> specific(
            Class<T> type, SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        return Serdes.serdeFrom(
                new AvroSerializer<>(registry, autoRegister, isKey), new AvroDeserializer<>(type, registry, isKey));
    }

    /** As {@link #specific(Class, SchemaRegistryClient, boolean)}, with settings in Confluent's names. */
    public static <T> Serde<T> specific(Class<T> type, Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs);
        return specific(type, HttpSchemaRegistryClient.forUrls(config.registryUrls(), configs), config.autoRegister(), isKey);
    }
}
