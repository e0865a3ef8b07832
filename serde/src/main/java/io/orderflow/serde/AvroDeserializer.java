package io.orderflow.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Avro in Confluent's wire format. The writer's schema comes from the registry by the
 * id in the record; with a target class the datum is resolved into that specific record
 * class (Avro schema resolution from the writer's schema to the class's), without one it
 * is read as the writer wrote it (generic record or primitive).
 *
 * <p>A record that is not in the wire format, or whose schema id the registry does not know,
 * fails with a {@link SerializationException} naming the topic, the subject and the cause;
 * Kafka's consumer adds the partition and offset ({@code RecordDeserializationException}),
 * and Kafka Streams hands it, with its coordinates, to the deserialization exception handler.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    static {
        GeneratedAvroTypes.trust();
    }

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private SchemaRegistryClient registry;
    private boolean isKey;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    /** A generic reader for Kafka's reflective construction; {@link #configure} must follow. */
    public AvroDeserializer() {
        this(null, null, false);
    }

    /**
     * @param type the specific record class to read into, or null to read generically
     * @param registry the registry client, or null to create one in {@link #configure}
     */
    public AvroDeserializer(Class<T> type, SchemaRegistryClient registry, boolean isKey) {
        this.type = type;
        this.registry = registry;
        this.isKey = isKey;
        if (type != null && SpecificRecord.class.isAssignableFrom(type)) {
            this.model = SpecificData.getForClass(type);
            this.readerSchema = model.getSchema(type);
        } else {
            this.model = null;
            this.readerSchema = null;
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = HttpSchemaRegistryClient.forUrls(AvroSerdeConfig.from(configs).registryUrls(), configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : deserialize(topic, ByteBuffer.wrap(data));
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer data) {
        return data == null ? null : deserialize(topic, data);
    }

    private T deserialize(String topic, ByteBuffer buffer) {
        if (registry == null) {
            throw new IllegalStateException("AvroDeserializer used before configure()");
        }
        String subject = WireFormat.subject(topic, isKey);
        ByteBuffer data = buffer.duplicate();
        if (data.remaining() < WireFormat.HEADER_SIZE) {
            throw new SerializationException("record of topic " + topic + " (" + subject + ") is " + data.remaining()
                    + " bytes long, shorter than the 5-byte header of Confluent's wire format");
        }
        byte magic = data.get();
        if (magic != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "record of topic %s (%s) has unknown magic byte 0x%02x; Confluent's wire format starts with 0x00",
                    topic, subject, magic));
        }
        int id = data.getInt();
        DatumReader<Object> reader;
        try {
            reader = readers.computeIfAbsent(id, this::readerFor);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("record of topic " + topic + " (" + subject + ") has schema id " + id
                    + (e.isNotFound() ? " unknown to the schema registry" : " that could not be fetched") + ": "
                    + e.getMessage(), e);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                data.array(), data.arrayOffset() + data.position(), data.remaining(), decoders.get());
        decoders.set(decoder);
        try {
            @SuppressWarnings("unchecked")
            T value = (T) reader.read(null, decoder);
            return value;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("record of topic " + topic + " (" + subject + ", schema id " + id
                    + ") is not valid Avro for its schema: " + e.getMessage(), e);
        }
    }

    private DatumReader<Object> readerFor(int id) {
        Schema writerSchema = registry.schemaById(id);
        if (model != null) {
            return new SpecificDatumReader<>(writerSchema, readerSchema, model);
        }
        if (type != null) {
            throw new SerializationException("cannot read Avro into " + type.getName() + ": not a specific record");
        }
        GenericData generic = new GenericData();
        generic.addLogicalTypeConversion(new org.apache.avro.Conversions.DecimalConversion());
        generic.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.DateConversion());
        generic.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        return new GenericDatumReader<>(writerSchema, writerSchema, generic);
    }
}
