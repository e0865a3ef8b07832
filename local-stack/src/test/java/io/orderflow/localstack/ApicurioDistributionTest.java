package io.orderflow.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApicurioDistributionTest {

    @TempDir
    Path dir;

    @Test
    void shouldFindTheRunnerOfAnUnpackedZip() throws IOException {
        Path zip = zip(Map.of(
                "apicurio-registry-app-9.9-runner.jar", "runner",
                "lib/dependency.jar", "lib"));

        Path unpacked = ApicurioDistribution.unpackOnce(zip, dir.resolve("cache/apicurio-9.9"));

        assertThat(ApicurioDistribution.runnerIn(unpacked))
                .contains(unpacked.resolve("apicurio-registry-app-9.9-runner.jar").toAbsolutePath());
        assertThat(unpacked.resolve("lib/dependency.jar")).hasContent("lib");
    }

    @Test
    void shouldUnpackOnlyOnce() throws IOException {
        Path zip = zip(Map.of("apicurio-registry-app-9.9-runner.jar", "first", "lib/a.jar", "a"));
        Path target = dir.resolve("cache/apicurio-9.9");
        ApicurioDistribution.unpackOnce(zip, target);
        Files.writeString(target.resolve("apicurio-registry-app-9.9-runner.jar"), "kept");

        ApicurioDistribution.unpackOnce(zip, target);

        assertThat(target.resolve("apicurio-registry-app-9.9-runner.jar")).hasContent("kept");
    }

    @Test
    void shouldNotTakeADirectoryWithoutLibForADistribution() throws IOException {
        Files.writeString(dir.resolve("apicurio-registry-app-9.9-runner.jar"), "runner");

        assertThat(ApicurioDistribution.runnerIn(dir)).isEmpty();
    }

    @Test
    void shouldRefuseEntriesOutsideTheTarget() throws IOException {
        Path zip = zip(Map.of("../escaped.txt", "no"));

        assertThrows(UncheckedIOException.class, () -> ApicurioDistribution.unpackOnce(zip, dir.resolve("cache/evil")));
        assertThat(dir.resolve("cache/escaped.txt")).doesNotExist();
    }

    @Test
    void shouldKnowThePinnedVersion() {
        assertThat(ApicurioDistribution.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    private Path zip(Map<String, String> entries) throws IOException {
        Path zip = dir.resolve("distribution.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
