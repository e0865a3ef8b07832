package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RememberedTest {

    private final Map<String, Integer> store = new HashMap<>();
    private final List<String> reads = new ArrayList<>();

    private Integer read(String key) {
        reads.add(key);
        return store.get(key);
    }

    @Test
    void shouldReadAKeyOnceAndThenAnswerWithWhatWasLastWritten() {
        Remembered<String, Integer> remembered = new Remembered<>(2);
        store.put("a", 1);

        assertThat(remembered.get("a", this::read)).isEqualTo(1);
        remembered.written("a", 2);
        assertThat(remembered.get("a", this::read)).isEqualTo(2);
        assertThat(reads).containsExactly("a");
    }

    @Test
    void shouldNotRememberAMissingValueSoThatALaterWriteIsRead() {
        Remembered<String, Integer> remembered = new Remembered<>(2);

        assertThat(remembered.get("a", this::read)).isNull();
        store.put("a", 5);
        assertThat(remembered.get("a", this::read)).isEqualTo(5);
        assertThat(reads).containsExactly("a", "a");
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedKeyBeyondItsCapacity() {
        Remembered<String, Integer> remembered = new Remembered<>(2);
        store.putAll(Map.of("a", 1, "b", 2, "c", 3));
        remembered.get("a", this::read);
        remembered.get("b", this::read);
        remembered.get("a", this::read); // a is now the most recent
        remembered.get("c", this::read); // b goes

        remembered.get("a", this::read);
        remembered.get("b", this::read);

        assertThat(reads).containsExactly("a", "b", "c", "b");
    }
}
