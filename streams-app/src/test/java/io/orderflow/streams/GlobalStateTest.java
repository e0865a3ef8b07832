package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalStateTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldDropTheGlobalStoresAndKeepTheTasksStores() throws Exception {
        Path global = Files.createDirectories(stateDir.resolve("orderflow-streams/global/rocksdb/products-store"));
        Files.writeString(global.resolve("CURRENT"), "MANIFEST-000001");
        Path task = Files.createDirectories(stateDir.resolve("orderflow-streams/0_3/rocksdb/orders-store"));
        Files.writeString(task.resolve("CURRENT"), "MANIFEST-000004");

        GlobalState.drop(stateDir, "orderflow-streams");
        GlobalState.drop(stateDir, "orderflow-streams");

        assertThat(stateDir.resolve("orderflow-streams/global")).doesNotExist();
        assertThat(task.resolve("CURRENT")).hasContent("MANIFEST-000004");
    }
}
