package io.orderflow.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro in Confluent's wire format. Specific records are written with their own
 * schema (and its logical-type conversions), generic records with theirs, and the Avro
 * primitives (string, int, long, float, double, boolean, bytes, null) with the primitive
 * schema, as Confluent's serializer does. The schema is registered (or looked up, when
 * auto-registration is off) under {@code <topic>-key} or {@code <topic>-value}.
 */
public class AvroSerializer<T> implements Serializer<T> {

    static {
        GeneratedAvroTypes.trust();
    }

    /**
     * The last record a serializer that keeps it ({@link #keepingWritten}) wrote on this thread, with its bytes: for
     * a serializer embedding that very object ({@link #embedding}) to copy rather than encode again.
     */
    private static final ThreadLocal<Written> WRITTEN = new ThreadLocal<>();

    private record Written(Object record, String topic, Schema schema, byte[] bytes) {
    }

    private boolean keepsWritten;
    private Class<?> embedded;
    private SchemaRegistryClient registry;
    private boolean autoRegister = true;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    /**
     * The schema id last used per topic, so that a store's serializer, called on every put, neither builds
     * the subject's name nor asks the registry client again for a schema it has written to that topic.
     */
    private final Map<String, SchemaId> ids = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerializer() {
    }

    public AvroSerializer(SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
    }

    /**
     * This serializer, keeping on its thread the last record it wrote, so that a serializer {@link #embedding} its
     * type can copy its bytes when it writes that very object inside another record, and so that writing that very
     * object again for the same topic gives the same bytes without encoding (its size asked before it is stored).
     * Only for objects never changed once written.
     */
    public AvroSerializer<T> keepingWritten() {
        this.keepsWritten = true;
        return this;
    }

    /**
     * This serializer, copying the bytes of an embedded record of type {@code type} when it is the very object (the
     * same instance, not an equal one) a {@link #keepingWritten} serializer wrote last on this thread, with the same
     * schema, instead of encoding it again: the bytes are those encoding it would give. Only for objects never
     * changed once written (the order processor's states, written to their store and then embedded in the event).
     */
    public AvroSerializer<T> embedding(Class<?> type) {
        this.embedded = type;
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            AvroSerdeConfig config = AvroSerdeConfig.from(configs);
            this.registry = HttpSchemaRegistryClient.forUrls(config.registryUrls(), configs);
            this.autoRegister = config.autoRegister();
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("AvroSerializer used before configure()");
        }
        if (keepsWritten) {
            Written written = WRITTEN.get();
            if (written != null && written.record() == data && written.topic().equals(topic)) {
                return written.bytes(); // the same object for the same topic again: the bytes just given
            }
        }
        Schema schema = schemaOf(data, topic);
        int id = idOf(topic, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(WireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, encoders.get());
        encoders.set(encoder);
        try {
            Object datum = data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
            writers.computeIfAbsent(schema, s -> writerFor(s, datum)).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "cannot write " + schema.getFullName() + " to topic " + topic + " as schema id " + id + ": "
                            + e.getMessage(), e);
        }
        byte[] bytes = out.toByteArray();
        if (keepsWritten) {
            WRITTEN.set(new Written(data, topic, schema, bytes));
        }
        return bytes;
    }

    private int idOf(String topic, Schema schema) {
        SchemaId known = ids.get(topic);
        if (known != null && known.schema() == schema) {
            return known.id();
        }
        String subject = WireFormat.subject(topic, isKey);
        int id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        ids.put(topic, new SchemaId(schema, id));
        return id;
    }

    private record SchemaId(Schema schema, int id) {
    }

    private static Schema schemaOf(Object data, String topic) {
        if (data instanceof GenericContainer container) {
            return container.getSchema();
        }
        if (data instanceof CharSequence) {
            return Schema.create(Schema.Type.STRING);
        }
        if (data instanceof Integer) {
            return Schema.create(Schema.Type.INT);
        }
        if (data instanceof Long) {
            return Schema.create(Schema.Type.LONG);
        }
        if (data instanceof Float) {
            return Schema.create(Schema.Type.FLOAT);
        }
        if (data instanceof Double) {
            return Schema.create(Schema.Type.DOUBLE);
        }
        if (data instanceof Boolean) {
            return Schema.create(Schema.Type.BOOLEAN);
        }
        if (data instanceof byte[] || data instanceof ByteBuffer) {
            return Schema.create(Schema.Type.BYTES);
        }
        throw new SerializationException(
                "cannot write a " + data.getClass().getName() + " to topic " + topic + " as Avro");
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<Object> writerFor(Schema schema, Object data) {
        if (data instanceof SpecificRecord && embedded != null) {
            return new EmbeddingWriter(schema, SpecificData.getForClass(data.getClass()), embedded);
        }
        if (data instanceof SpecificRecord) {
            return (DatumWriter<Object>) (DatumWriter<?>)
                    new SpecificDatumWriter<>(schema, SpecificData.getForClass(data.getClass()));
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }

    /** A specific writer that copies the bytes of an embedded record written just before (see {@link #embedding}). */
    private static final class EmbeddingWriter extends SpecificDatumWriter<Object> {

        private final Class<?> embedded;
        /** A schema of the kept records found equal to the embedded field's schema (compared once). */
        private volatile Schema confirmed;

        EmbeddingWriter(Schema schema, SpecificData data, Class<?> embedded) {
            super(schema, data);
            this.embedded = embedded;
        }

        /** Every value of a field and every branch of a union comes here (specific writers skip {@code write}). */
        @Override
        protected void writeWithoutConversion(Schema schema, Object datum, org.apache.avro.io.Encoder out)
                throws IOException {
            if (datum != null && datum.getClass() == embedded && schema.getType() == Schema.Type.RECORD) {
                Written written = WRITTEN.get();
                if (written != null && written.record() == datum && sameSchema(written.schema(), schema)) {
                    out.writeFixed(written.bytes(), WireFormat.HEADER_SIZE,
                            written.bytes().length - WireFormat.HEADER_SIZE);
                    return;
                }
            }
            super.writeWithoutConversion(schema, datum, out);
        }

        private boolean sameSchema(Schema kept, Schema field) {
            if (kept == confirmed) {
                return true;
            }
            if (kept.equals(field)) {
                confirmed = kept;
                return true;
            }
            return false;
        }
    }
}
