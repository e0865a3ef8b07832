package io.orderflow.serde;

import io.orderflow.contract.TopicLayout;
import io.orderflow.contract.TopicName;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A topic with the serdes of its keys and values and how it is made, declared once and passed around
 * (Confluent's {@code Schemas.Topics} idea, without mutable statics): the topologies read and write it through its
 * serdes, topic creation makes it from its {@link TopicLayout}.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, TopicLayout layout) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(layout, "layout");
    }

    /** A topic made as most are ({@link TopicLayout#deleting()}): what a test's topology needs. */
    public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this(name, keySerde, valueSerde, TopicLayout.deleting());
    }

    /**
     * A topic of the contract under the name in force: string keys, values of its declared Avro type in Confluent's
     * wire format through {@code registry}, made as declared.
     */
    public static <V extends SpecificRecord> Topic<String, V> of(TopicName<V> declared, String name,
                                                                 SchemaRegistryClient registry) {
        return new Topic<>(name, Serdes.String(), AvroSerde.specific(declared.valueType(), registry, false),
                declared.layout());
    }

    /** The same topic, its values written and read by {@code serde}: one writing the same bytes more cheaply. */
    public Topic<K, V> withValueSerde(Serde<V> serde) {
        return new Topic<>(name, keySerde, serde, layout);
    }

    /**
     * The topic to create at the installation's {@code partitions} and {@code replication}; {@code partitionsOf}
     * tells the partition count of an existing topic by name, for a topic partitioned like another.
     */
    public NewTopic newTopic(int partitions, short replication, ToIntFunction<String> partitionsOf) {
        return new NewTopic(name, layout.partitionCount(partitions, partitionsOf), replication)
                .configs(layout.configs(replication));
    }
}
