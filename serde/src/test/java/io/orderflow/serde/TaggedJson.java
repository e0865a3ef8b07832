package io.orderflow.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro data as JSON that survives a trip through Python: decimals, dates and timestamps are
 * tagged ({@code {"$decimal":"12.50"}}, {@code {"$date":"2026-11-22"}}, {@code {"$ts":millis}}),
 * unions are written as their branch. The Python side of the compatibility test reads and
 * writes the same form (src/test/python/confluent_compat.py).
 */
final class TaggedJson {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final GenericData WITH_LOGICAL_TYPES = new GenericData();

    static {
        WITH_LOGICAL_TYPES.addLogicalTypeConversion(new Conversions.DecimalConversion());
        WITH_LOGICAL_TYPES.addLogicalTypeConversion(new TimeConversions.DateConversion());
        WITH_LOGICAL_TYPES.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    private TaggedJson() {
    }

    static JsonNode of(Object datum, Schema schema) {
        if (datum == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) datum;
                ObjectNode node = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    node.set(field.name(), of(record.get(field.pos()), field.schema()));
                }
                yield node;
            }
            case UNION -> of(datum, schema.getTypes().get(unionBranch(schema, datum)));
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                ((Collection<?>) datum).forEach(item -> array.add(of(item, schema.getElementType())));
                yield array;
            }
            case MAP -> {
                ObjectNode node = NODES.objectNode();
                ((Map<?, ?>) datum).forEach((k, v) -> node.set(k.toString(), of(v, schema.getValueType())));
                yield node;
            }
            case BYTES -> schema.getLogicalType() instanceof LogicalTypes.Decimal
                    ? NODES.objectNode().put("$decimal", ((BigDecimal) datum).toPlainString())
                    : NODES.textNode(datum.toString());
            case INT -> schema.getLogicalType() instanceof LogicalTypes.Date
                    ? NODES.objectNode().put("$date", ((LocalDate) datum).toString())
                    : NODES.numberNode((Integer) datum);
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? NODES.objectNode().put("$ts", ((Instant) datum).toEpochMilli())
                    : NODES.numberNode((Long) datum);
            case BOOLEAN -> NODES.booleanNode((Boolean) datum);
            case ENUM, STRING -> NODES.textNode(datum.toString());
            default -> throw new IllegalArgumentException("no tagged JSON for " + schema.getType());
        };
    }

    private static int unionBranch(Schema union, Object datum) {
        if (datum instanceof IndexedRecord record) {
            return union.getIndexNamed(record.getSchema().getFullName());
        }
        return WITH_LOGICAL_TYPES.resolveUnion(union, datum);
    }
}
