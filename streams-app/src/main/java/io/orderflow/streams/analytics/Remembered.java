package io.orderflow.streams.analytics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The values a processor last read or wrote under its hottest keys, as objects: a store of the
 * analytics is read and written back under the same few keys (a month, a bucket, a dimension) by
 * every sale, and Kafka Streams' record cache keeps bytes, so every read decoded the value again.
 * Sound only where the processor that holds it is the only writer of the store and values are
 * never changed in place (the analytics' values are immutable records), and only for the life of
 * one {@code init}: a task that is revived re-initializes its processors after restoring the stores,
 * and each processor then starts a new one. The least recently used key goes beyond
 * {@code capacity}.
 */
final class Remembered<K, V> {

    private final Map<K, V> values;

    Remembered(int capacity) {
        this.values = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value under {@code key}: as remembered, else read (and remembered when there is one). */
    V get(K key, Function<K, V> read) {
        V value = values.get(key);
        if (value == null) {
            value = read.apply(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return value;
    }

    /** Remembers {@code value} as the one just written under {@code key}. */
    void written(K key, V value) {
        values.put(key, value);
    }
}
