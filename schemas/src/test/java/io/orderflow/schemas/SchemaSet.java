package io.orderflow.schemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;

/**
 * A set of {@code .avsc} files parsed together, whatever their order: one named type per
 * file, referring to each other by full name.
 */
final class SchemaSet {

    private SchemaSet() {
    }

    /**
     * Parses file contents (file name to JSON) and returns every named type by full name.
     * Files whose references are not yet known are retried after the others.
     */
    static Map<String, Schema> parse(Map<String, String> files) {
        Map<String, Schema> known = new LinkedHashMap<>();
        List<Map.Entry<String, String>> pending = new ArrayList<>(files.entrySet());
        while (!pending.isEmpty()) {
            List<Map.Entry<String, String>> retry = new ArrayList<>();
            AvroRuntimeException lastError = null;
            for (Map.Entry<String, String> file : pending) {
                Schema.Parser parser = new Schema.Parser();
                parser.addTypes(known.values());
                try {
                    Schema schema = parser.parse(file.getValue());
                    known.put(schema.getFullName(), schema);
                } catch (AvroRuntimeException e) {
                    // Most likely a type defined in a file not parsed yet; a real error shows once no file progresses.
                    lastError = e;
                    retry.add(file);
                }
            }
            if (retry.size() == pending.size()) {
                throw new IllegalArgumentException("unresolvable references in " + retry.stream()
                        .map(Map.Entry::getKey).toList() + ": " + lastError.getMessage(), lastError);
            }
            pending = retry;
        }
        return known;
    }
}
