package io.orderflow.localstack;

import io.orderflow.api.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds the unpacked Apicurio Registry distribution ({@code apicurio-registry-app-<version>-runner.jar} next
 * to its {@code lib/}). Looked up in this order:
 * <ol>
 *   <li>the system property {@value #HOME_PROPERTY} or the environment variable {@value #HOME_ENV};</li>
 *   <li>{@code local-stack/target/apicurio}, where the build unpacks it, in the working directory or any
 *       parent, and {@code target/apicurio} next to this module's jar or classes;</li>
 *   <li>the zip in the local Maven repository, unpacked once into
 *       {@code ~/.cache/orderflow/apicurio-<version>}.</li>
 * </ol>
 */
final class ApicurioDistribution {

    static final String HOME_PROPERTY = "orderflow.apicurio.home";
    static final String HOME_ENV = "ORDERFLOW_APICURIO_HOME";
    private static final String COMPLETE_MARKER = ".unpacked";

    private ApicurioDistribution() {
    }

    /** The runner jar of the distribution; throws with every place looked at when there is none. */
    static Path runnerJar() {
        // the system property before the environment variable, a blank one unset as any blank setting
        String configured = Settings.text(Map.of(HOME_PROPERTY, System.getProperty(HOME_PROPERTY, "")), HOME_PROPERTY,
                Settings.text(System.getenv(), HOME_ENV, null));
        if (configured != null) {
            return runnerIn(Path.of(configured)).orElseThrow(() -> new IllegalStateException(
                    "No apicurio-registry-app-*-runner.jar in " + configured + " (" + HOME_PROPERTY + " / " + HOME_ENV + ")"));
        }
        List<Path> candidates = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("local-stack").resolve("target").resolve("apicurio"));
        }
        moduleTargetDir().ifPresent(target -> candidates.add(target.resolve("apicurio")));
        for (Path candidate : candidates) {
            Optional<Path> runner = runnerIn(candidate);
            if (runner.isPresent()) {
                return runner.get();
            }
        }
        Path zip = mavenRepository().resolve(Path.of("io", "apicurio", "apicurio-registry-app", version(),
                "apicurio-registry-app-" + version() + "-all.zip"));
        if (Files.isRegularFile(zip)) {
            return runnerIn(unpackOnce(zip, cacheDir())).orElseThrow(() -> new IllegalStateException(
                    "The Apicurio zip " + zip + " holds no runner jar"));
        }
        throw new IllegalStateException("Apicurio Registry " + version() + " not found. Looked in " + candidates
                + " and for " + zip + ". Build the project once (mvn -DskipTests install) or set " + HOME_ENV + ".");
    }

    /** The Apicurio version pinned in the parent pom, written into this module at build time. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = ApicurioDistribution.class.getResourceAsStream("apicurio.properties")) {
            if (in == null) {
                throw new IllegalStateException("apicurio.properties missing from the local-stack jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    static Optional<Path> runnerIn(Path dir) {
        if (!Files.isDirectory(dir.resolve("lib"))) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "apicurio-registry-app-*-runner.jar")) {
            for (Path jar : jars) {
                return Optional.of(jar.toAbsolutePath());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Unpacks {@code zip} into {@code target} unless that was done before. Unpacks into a fresh sibling first
     * and renames it, so that concurrent JVMs never see a half-unpacked distribution.
     */
    static Path unpackOnce(Path zip, Path target) {
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
            try {
                unzip(zip, staging);
            } catch (IOException e) {
                deleteRecursively(staging);
                throw e;
            }
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
                // Another JVM finished first, or a broken earlier attempt is in the way.
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    deleteRecursively(target);
                    Files.move(staging, target);
                } else {
                    deleteRecursively(staging);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip + " into " + target, e);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("Zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Path mavenRepository() {
        String local = System.getProperty("maven.repo.local");
        return local != null ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static Path cacheDir() {
        String xdg = Settings.text(System.getenv(), "XDG_CACHE_HOME", null);
        Path base = xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("orderflow").resolve("apicurio-" + version());
    }

    /** {@code local-stack/target} when this class runs from {@code target/classes} or a jar in {@code target}. */
    static Optional<Path> moduleTargetDir() {
        try {
            CodeSource source = ApicurioDistribution.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            Path parent = location.getParent();
            return Optional.ofNullable(parent).filter(dir -> dir.getFileName() != null && dir.getFileName().toString().equals("target"));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
