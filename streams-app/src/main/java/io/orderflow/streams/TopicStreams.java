package io.orderflow.streams;

import io.orderflow.serde.Topic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** How the topologies read and write a declared {@link Topic}: with its serdes, under a node name of their own. */
public final class TopicStreams {

    private TopicStreams() {
    }

    public static <K, V> Consumed<K, V> consumed(Topic<K, V> topic, String name) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }

    public static <K, V> Produced<K, V> produced(Topic<K, V> topic, String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
