package io.orderflow.streams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The values a processor last read or wrote under its hottest keys, as objects: Kafka Streams'
 * record cache and RocksDB keep bytes, so every read decodes the value again, and some keys are
 * read again and again (a store of the analytics under the same few keys by every sale, an order's
 * state by the ledger's answer right after its approval).
 * Sound only where the processor that holds it is the only writer of the store and values are
 * never changed in place (the analytics' values are immutable records), and only for the life of
 * one {@code init}: a task that is revived re-initializes its processors after restoring the stores,
 * and each processor then starts a new one. The least recently used key goes beyond
 * {@code capacity}.
 */
public final class Remembered<K, V> {

    private final Map<K, V> values;

    public Remembered(int capacity) {
        this.values = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value under {@code key}: as remembered, else read (and remembered when there is one). */
    public V get(K key, Function<K, V> read) {
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
    public void written(K key, V value) {
        values.put(key, value);
    }
}
