package io.orderflow.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The {@code .avsc} files of this module, as the build sees them. */
final class SchemaFiles {

    private SchemaFiles() {
    }

    static Path directory() {
        return Path.of(System.getProperty("schemas.dir", "src/main/avro")).toAbsolutePath().normalize();
    }

    /** File name to content, sorted by name. */
    static Map<String, String> read() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(directory())) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".avsc")).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
