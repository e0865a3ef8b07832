package io.orderflow.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A schema registry in memory, for unit tests only: the same schema gets the same id across
 * subjects (as in Confluent's registry), ids count up from 1.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<Schema, Integer> ids = new HashMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private final Map<String, List<Schema>> subjects = new HashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @Override
    public synchronized int register(String subject, Schema schema) {
        requests.incrementAndGet();
        int id = ids.computeIfAbsent(schema, s -> {
            int next = ids.size() + 1;
            schemas.put(next, s);
            return next;
        });
        List<Schema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(schema)) {
            versions.add(schema);
        }
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        requests.incrementAndGet();
        if (!subjects.getOrDefault(subject, List.of()).contains(schema)) {
            throw new SchemaRegistryException(
                    "schema not registered under subject " + subject, 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return ids.get(schema);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        requests.incrementAndGet();
        Schema schema = schemas.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("schema " + id + " not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    /** The subjects registered so far, each with its versions in order. */
    public synchronized Map<String, List<Schema>> subjects() {
        return Map.copyOf(subjects);
    }

    /** How many calls the registry has answered. */
    public int requests() {
        return requests.get();
    }
}
