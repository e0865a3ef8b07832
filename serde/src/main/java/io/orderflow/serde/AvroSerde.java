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

    /**
     * As {@link #specific(Class, SchemaRegistryClient, boolean)}, its serializer keeping on its thread the last record
     * it wrote for a serde {@link #embedding} the type ({@link AvroSerializer#keepingWritten}).
     */
    public static <T> Serde<T> keepingWritten(Class<T> type, SchemaRegistryClient registry, boolean isKey) {
        return Serdes.serdeFrom(new AvroSerializer<T>(registry, true, isKey).keepingWritten(),
                new AvroDeserializer<>(type, registry, isKey));
    }

    /**
     * As {@link #specific(Class, SchemaRegistryClient, boolean)}, its serializer copying the bytes of an embedded
     * {@code embedded} record just written by a {@link #keepingWritten} serde on the same thread when it embeds that
     * very object ({@link AvroSerializer#embedding}).
     */
    public static <T> Serde<T> embedding(Class<T> type, Class<?> embedded, SchemaRegistryClient registry,
                                         boolean isKey) {
        return Serdes.serdeFrom(new AvroSerializer<T>(registry, true, isKey).embedding(embedded),
                new AvroDeserializer<>(type, registry, isKey));
    }

    /** As {@link #specific(Class, SchemaRegistryClient, boolean)}, with settings in Confluent's names. */
    public static <T> Serde<T> specific(Class<T> type, Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs);
        return specific(type, HttpSchemaRegistryClient.forUrls(config.registryUrls(), configs), config.autoRegister(), isKey);
    }
}
