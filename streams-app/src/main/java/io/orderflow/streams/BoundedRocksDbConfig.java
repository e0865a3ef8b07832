package io.orderflow.streams;

import io.orderflow.api.Settings;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of all RocksDB stores of the process together: one LRU block cache and
 * one write-buffer manager charged to it, shared by every store instance, instead of Kafka
 * Streams' per-store defaults that grow with the number of stores and partitions. Index and
 * filter blocks are charged to the cache as well. The size comes from
 * {@value #CACHE_BYTES_CONFIG} (ROCKSDB_CACHE_BYTES); memtables may use up to half of it.
 *
 * <p>The cache is created once per JVM with the size of the first configuration seen: RocksDB
 * objects are native, and a shared limit only means something if it is really shared.
 */
public class BoundedRocksDbConfig implements RocksDBConfigSetter {

    public static final String CACHE_BYTES_CONFIG = "orderflow.rocksdb.cache.bytes";

    /**
     * The least cache there may be: half of it bounds the memtables, and RocksDB reads a write-buffer limit of 0 as
     * no limit at all, the opposite of what the setting is for.
     */
    public static final long MIN_CACHE_BYTES = 1024 * 1024;

    private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;
    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void ensureShared(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_POOL_RATIO);
            writeBufferManager = new WriteBufferManager(bytes / 2, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        ensureShared(cacheBytes(configs));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setTableFormatConfig(table);
    }

    /** The size the app configured (from ROCKSDB_CACHE_BYTES), read as the app read it. */
    static long cacheBytes(Map<String, ?> configs) {
        return Settings.whole(configs, CACHE_BYTES_CONFIG, AppConfig.DEFAULT_ROCKSDB_CACHE_BYTES, MIN_CACHE_BYTES,
                Long.MAX_VALUE);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write-buffer manager are shared across stores: closing them here would
        // pull them from under the stores still open.
    }
}
