package io.orderflow.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global stores (the catalog's {@code products-store}, {@code customers-store} and
 * {@code customer-exposure-store}) are dropped before every start and rebuilt from their compacted topics. Under exactly-once, Kafka Streams refuses to open a global store it did not close (after a kill:
 * "didn't find a valid state, since under EOS it has the risk of getting uncommitted data") and, unlike a task's
 * store, does not wipe and restore it: the global thread dies and the app goes to ERROR, so a killed instance could
 * never come back (e2e FailoverIT). The catalog and the customers are small; reading them again costs a moment at start. The tasks'
 * stores are left alone: Kafka Streams restores those.
 */
final class GlobalState {

    private static final Logger log = LoggerFactory.getLogger(GlobalState.class);

    private GlobalState() {
    }

    static void drop(Path stateDir, String applicationId) {
        Path global = stateDir.resolve(applicationId).resolve("global");
        if (!Files.isDirectory(global)) {
            return;
        }
        try (Stream<Path> files = Files.walk(global)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not drop the global state at " + global, e);
        }
        log.info("dropped the global stores at {}; they are rebuilt from their compacted topics", global);
    }
}
