package io.orderflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.Customer;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Role;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "order-commands";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Serde<OrderCommand> serde = AvroSerde.specific(OrderCommand.class, registry, false);

    static OrderCommand placeOrder() {
        return OrderCommand.newBuilder()
                .setCommandId("cmd-1")
                .setOrderId("20261122-000001")
                .setActor(new Actor("alice", Role.SALES))
                .setAt(Instant.parse("2026-11-22T08:00:00Z"))
                .setPayload(PlaceOrder.newBuilder()
                        .setChannel(Channel.PHONE)
                        .setOrderDate(LocalDate.parse("2026-11-22"))
                        .setCustomer(Customer.newBuilder().setId("C001").setName("张三").setPhone("13800000000").build())
                        .setExpectedDeliveryDate(LocalDate.parse("2026-11-30"))
                        .setPaymentMethod(PaymentMethod.BANK_TRANSFER)
                        .setLines(List.of(OrderLine.newBuilder()
                                .setSku("SKU-A")
                                .setQuantity(3)
                                .setUnitPrice(new BigDecimal("12.50"))
                                .setAmount(new BigDecimal("37.50"))
                                .build()))
                        .build())
                .build();
    }

    @Test
    void shouldReadBackExactlyWhatWasWritten() {
        OrderCommand command = placeOrder();

        byte[] bytes = serde.serializer().serialize(TOPIC, command);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(command);
    }

    @Test
    void shouldWriteConfluentsWireFormatAroundPlainAvroBinary() throws Exception {
        OrderCommand command = placeOrder();

        byte[] bytes = serde.serializer().serialize(TOPIC, command);

        int id = registry.idOf("order-commands-value", OrderCommand.getClassSchema());
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, 5);
        assertThat(header.get()).isEqualTo((byte) 0);
        assertThat(header.getInt()).isEqualTo(id);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(command));
    }

    @Test
    void shouldRegisterUnderTheTopicsKeyAndValueSubjects() {
        Serde<String> keys = AvroSerde.specific(String.class, registry, true);

        keys.serializer().serialize(TOPIC, "20261122-000001");
        serde.serializer().serialize(TOPIC, placeOrder());

        assertThat(registry.subjects()).containsOnlyKeys("order-commands-key", "order-commands-value");
        assertThat(registry.subjects().get("order-commands-key"))
                .containsExactly(Schema.create(Schema.Type.STRING));
    }

    @Test
    void shouldReadPrimitiveKeysGenerically() {
        AvroSerializer<Object> writer = new AvroSerializer<>(registry, true, true);
        AvroDeserializer<Object> reader = new AvroDeserializer<>(null, registry, true);

        assertThat(reader.deserialize(TOPIC, writer.serialize(TOPIC, "20261122-000001")))
                .hasToString("20261122-000001");
        assertThat(reader.deserialize(TOPIC, writer.serialize(TOPIC, 42L))).isEqualTo(42L);
    }

    @Test
    void shouldResolveAnOlderWritersSchemaIntoTheCurrentClass() {
        Schema oldCustomer = SchemaBuilder.record("Customer").namespace("io.orderflow.avro").fields()
                .requiredString("id")
                .requiredString("name")
                .endRecord();
        GenericRecord written = new GenericData.Record(oldCustomer);
        written.put("id", "C001");
        written.put("name", "张三");
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, true, false).serialize("customers", written);

        Customer read = new AvroDeserializer<>(Customer.class, registry, false).deserialize("customers", bytes);

        assertThat(read.getId()).isEqualTo("C001");
        assertThat(read.getName()).isEqualTo("张三");
        assertThat(read.getPhone()).isNull();
    }

    @Test
    void shouldRefuseAWrongMagicByteNamingTheTopic() {
        byte[] bytes = serde.serializer().serialize(TOPIC, placeOrder());
        bytes[0] = 7;

        SerializationException error = assertThrows(
                SerializationException.class, () -> serde.deserializer().deserialize(TOPIC, bytes));

        assertThat(error).hasMessageContaining("order-commands").hasMessageContaining("magic byte 0x07");
    }

    @Test
    void shouldRefuseARecordShorterThanTheHeader() {
        SerializationException error = assertThrows(
                SerializationException.class, () -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0}));

        assertThat(error).hasMessageContaining("order-commands").hasMessageContaining("5-byte header");
    }

    @Test
    void shouldRefuseAnUnknownSchemaIdNamingTheIdAndTopic() {
        byte[] bytes = serde.serializer().serialize(TOPIC, placeOrder());
        ByteBuffer.wrap(bytes).putInt(1, 9999);

        SerializationException error = assertThrows(
                SerializationException.class, () -> serde.deserializer().deserialize(TOPIC, bytes));

        assertThat(error).hasMessageContaining("order-commands").hasMessageContaining("schema id 9999")
                .hasMessageContaining("unknown");
    }

    @Test
    void shouldRefuseToWriteAnUnregisteredSchemaWhenAutoRegistrationIsOff() {
        Serde<OrderCommand> strict = AvroSerde.specific(OrderCommand.class, registry, false, false);

        SchemaRegistryException error = assertThrows(
                SchemaRegistryException.class, () -> strict.serializer().serialize(TOPIC, placeOrder()));

        assertThat(error.isNotFound()).isTrue();
    }

    @Test
    void shouldWriteWithARegisteredSchemaWhenAutoRegistrationIsOff() {
        registry.register("order-commands-value", OrderCommand.getClassSchema());
        Serde<OrderCommand> strict = AvroSerde.specific(OrderCommand.class, registry, false, false);

        byte[] bytes = strict.serializer().serialize(TOPIC, placeOrder());

        assertThat(strict.deserializer().deserialize(TOPIC, bytes)).isEqualTo(placeOrder());
    }

    @Test
    void shouldRefuseTruncatedAvroNamingTheSchemaId() {
        byte[] bytes = serde.serializer().serialize(TOPIC, placeOrder());
        byte[] truncated = Arrays.copyOf(bytes, 12);

        SerializationException error = assertThrows(
                SerializationException.class, () -> serde.deserializer().deserialize(TOPIC, truncated));

        assertThat(error).hasMessageContaining("order-commands").hasMessageContaining("not valid Avro");
    }

    @Test
    void shouldPassNullsThrough() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    private static byte[] plainAvro(OrderCommand command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<OrderCommand>(OrderCommand.getClassSchema(), SpecificData.getForClass(OrderCommand.class))
                .write(command, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void shouldCountTheEncodedSizeExactlyAsTheSerializerWritesIt() {
        OrderCommand command = placeOrder();
        ((PlaceOrder) command.getPayload()).setNotes("包装".repeat(300));

        assertThat(WireFormat.encodedSize(command)).isEqualTo(serde.serializer().serialize(TOPIC, command).length);
    }

    @Test
    void shouldAskTheRegistryOncePerTopicAndRegisterUnderEachTopicsSubject() {
        // One store serde is shared by several stores, each writing to its own changelog.
        serde.serializer().serialize("a-changelog", placeOrder());
        int afterFirst = registry.requests();
        serde.serializer().serialize("a-changelog", placeOrder());
        serde.serializer().serialize("b-changelog", placeOrder());
        serde.serializer().serialize("a-changelog", placeOrder());

        assertThat(registry.requests()).isEqualTo(afterFirst + 1);
        assertThat(registry.subjects()).containsOnlyKeys("a-changelog-value", "b-changelog-value");
        byte[] bytes = serde.serializer().serialize("b-changelog", placeOrder());
        assertThat(serde.deserializer().deserialize("b-changelog", bytes)).isEqualTo(placeOrder());
    }
}
