package io.orderflow.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * BACKWARD compatibility, as the schema registry checks it: a consumer with the new schema
 * must read everything written with the old one. A named type may not disappear.
 */
final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    /** Every way in which {@code current} cannot read data written with {@code previous}; empty when compatible. */
    static List<String> breakingChanges(Map<String, Schema> previous, Map<String, Schema> current) {
        List<String> problems = new ArrayList<>();
        previous.forEach((name, old) -> {
            Schema now = current.get(name);
            if (now == null) {
                problems.add(name + " was removed");
                return;
            }
            SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(now, old);
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                result.getResult().getIncompatibilities().forEach(incompatibility -> problems.add(
                        name + ": " + incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
                                + incompatibility.getMessage() + ")"));
            }
        });
        return problems;
    }
}
