package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache size comes back from the Kafka Streams configuration and is read as the app read it. */
class BoundedRocksDbConfigTest {

    @Test
    void shouldTakeTheSizeTheAppConfiguredOrItsDefault() {
        long configured = (long) AppConfig.from(Map.of("ROCKSDB_CACHE_BYTES", "33554432")).streamsProperties("dlq")
                .get(BoundedRocksDbConfig.CACHE_BYTES_CONFIG);

        assertThat(BoundedRocksDbConfig.cacheBytes(Map.of(BoundedRocksDbConfig.CACHE_BYTES_CONFIG, configured)))
                .isEqualTo(32L * 1024 * 1024);
        assertThat(BoundedRocksDbConfig.cacheBytes(Map.of())).isEqualTo(AppConfig.DEFAULT_ROCKSDB_CACHE_BYTES);
        assertThat(BoundedRocksDbConfig.cacheBytes(Map.of(BoundedRocksDbConfig.CACHE_BYTES_CONFIG, " ")))
                .isEqualTo(AppConfig.DEFAULT_ROCKSDB_CACHE_BYTES);
    }

    @Test
    void shouldNameTheSettingOfASizeThatIsNotOneOrTooSmall() {
        assertThatThrownBy(() -> BoundedRocksDbConfig.cacheBytes(Map.of(BoundedRocksDbConfig.CACHE_BYTES_CONFIG, "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orderflow.rocksdb.cache.bytes must be a whole number, not 'lots'");
        assertThatThrownBy(() -> BoundedRocksDbConfig.cacheBytes(Map.of(BoundedRocksDbConfig.CACHE_BYTES_CONFIG, 1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orderflow.rocksdb.cache.bytes must be at least 1048576, not '1'");
    }
}
