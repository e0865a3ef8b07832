package io.orderflow.bench;

import io.orderflow.serde.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Schema ids kept in this JVM, for the benchmarks that run a topology without a broker (figure 7): what is
 * measured there is the punctuator, not the registry.
 */
final class LocalSchemas implements SchemaRegistryClient {

    private final Map<Schema, Integer> ids = new HashMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        return ids.computeIfAbsent(schema, s -> {
            int id = ids.size() + 1;
            schemas.put(id, s);
            return id;
        });
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return register(subject, schema);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemas.get(id);
        if (schema == null) {
            throw new IllegalArgumentException("no schema " + id);
        }
        return schema;
    }
}
