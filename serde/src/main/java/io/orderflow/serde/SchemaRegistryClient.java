package io.orderflow.serde;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that a serde needs. Implementations
 * cache: after the first call for a subject and schema, or for an id, no request is made.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it registered) and returns its id. */
    int register(String subject, Schema schema);

    /** The id of {@code schema} already registered under {@code subject}; fails if it is not. */
    int idOf(String subject, Schema schema);

    /** The schema with this id; fails with {@link SchemaRegistryException} if the registry does not know it. */
    Schema schemaById(int id);
}
