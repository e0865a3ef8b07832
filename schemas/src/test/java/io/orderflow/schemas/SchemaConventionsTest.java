package io.orderflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The house rules of STYLE.md for schemas: one named type per file, docs everywhere, exact money. */
class SchemaConventionsTest {

    private final Map<String, String> files = SchemaFiles.read();
    private final Map<String, Schema> schemas = SchemaSet.parse(files);

    @Test
    void shouldHoldOneNamedTypePerFileNamedAfterIt() {
        assertThat(schemas).hasSameSizeAs(files);
        schemas.values().forEach(schema ->
                assertThat(files).containsKey(schema.getName() + ".avsc"));
    }

    @Test
    void shouldDocumentEveryTypeAndField() {
        List<String> undocumented = new ArrayList<>();
        schemas.values().forEach(schema -> {
            if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                undocumented.add(schema.getFullName());
            }
            if (schema.getType() == Schema.Type.RECORD) {
                schema.getFields().stream()
                        .filter(field -> field.doc() == null || field.doc().isBlank())
                        .forEach(field -> undocumented.add(schema.getFullName() + "." + field.name()));
            }
        });
        assertThat(undocumented).isEmpty();
    }

    @Test
    void shouldNeverUseFloatingPoint() {
        List<String> floating = new ArrayList<>();
        schemas.values().stream().filter(schema -> schema.getType() == Schema.Type.RECORD).forEach(schema ->
                schema.getFields().forEach(field -> {
                    if (containsFloatingPoint(field.schema())) {
                        floating.add(schema.getName() + "." + field.name());
                    }
                }));
        assertThat(floating).isEmpty();
    }

    @Test
    void shouldKeepMoneyAsDecimalWithTwoPlaces() {
        List<String> money = new ArrayList<>();
        schemas.values().stream().filter(schema -> schema.getType() == Schema.Type.RECORD).forEach(schema ->
                schema.getFields().stream()
                        .filter(field -> field.name().toLowerCase().matches(".*(amount|price|discount)"))
                        .forEach(field -> {
                            Schema type = nonNull(field.schema());
                            assertThat(type.getLogicalType())
                                    .as("%s.%s", schema.getName(), field.name())
                                    .isEqualTo(LogicalTypes.decimal(18, 2));
                            money.add(field.name());
                        }));
        assertThat(money).contains("unitPrice", "amount", "totalAmount", "paidAmount", "discount");
    }

    @Test
    void shouldCarryIdActorAndTimeOnEveryCommand() {
        Schema envelope = schemas.get("io.orderflow.avro.OrderCommand");
        assertThat(envelope.getField("commandId").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(envelope.getField("actor").schema().getFullName()).isEqualTo("io.orderflow.avro.Actor");
        assertThat(envelope.getField("at").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
        assertThat(envelope.getField("payload").schema().getTypes()).extracting(Schema::getName).contains(
                "PlaceOrder", "AmendOrder", "SubmitOrder", "ApproveOrder", "ReturnForChanges", "RequestCancellation",
                "ApproveCancellation", "ShipOrder", "ConfirmDelivery", "CompleteOrder", "ScheduleService",
                "RecordServiceResult", "RequestReturn", "DecideReturn", "ReceiveReturn", "RecordPayment");
    }

    private static boolean containsFloatingPoint(Schema schema) {
        return switch (schema.getType()) {
            case FLOAT, DOUBLE -> true;
            case UNION -> schema.getTypes().stream().anyMatch(SchemaConventionsTest::containsFloatingPoint);
            case ARRAY -> containsFloatingPoint(schema.getElementType());
            case MAP -> containsFloatingPoint(schema.getValueType());
            default -> false;
        };
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
}
