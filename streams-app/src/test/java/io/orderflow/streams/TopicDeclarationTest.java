package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.contract.TopicName;
import io.orderflow.serde.InMemorySchemaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The topics are declared once ({@link TopicName}: name and compaction; {@link TopicName#configs}: what the apps
 * create them with): docker-compose.yml's topic-init must say the same, or a user of compose runs topics the apps
 * would not have made (it once compacted {@code alerts}, which TopicSetup did not).
 */
class TopicDeclarationTest {

    private static final Pattern CREATE = Pattern.compile("^\\s*create (\\S+)(?: (\\S+))?\\s*$", Pattern.MULTILINE);

    private static String compose() throws Exception {
        return Files.readString(Path.of(System.getProperty("orderflow.root", "..")).resolve("docker-compose.yml"));
    }

    @Test
    void shouldCreateInComposeEveryDeclaredTopicWithItsDeclaredCompaction() throws Exception {
        Map<String, Boolean> inCompose = new TreeMap<>();
        Matcher create = CREATE.matcher(compose());
        while (create.find()) {
            inCompose.put(create.group(1), "cleanup.policy=compact".equals(create.group(2)));
        }
        Map<String, Boolean> declared = Arrays.stream(TopicName.values()).collect(Collectors.toMap(
                TopicName::defaultName, TopicName::compacted, (a, b) -> a, TreeMap::new));

        assertThat(inCompose).isEqualTo(declared);
    }

    @Test
    void shouldCreateNoTopicOfOnePartitionInCompose() throws Exception {
        // stock is partitioned by SKU: nothing in the pipeline is bound to one partition by design
        assertThat(compose()).contains("--partitions 6").doesNotContain("--partitions 1 ");
    }

    @Test
    void shouldAskTwoInSyncReplicasOnceThereAreThreeAndCompactOnlyWhatIsDeclaredSo() {
        assertThat(TopicName.PRODUCTS.configs(1)).containsExactly(Map.entry("cleanup.policy", "compact"));
        assertThat(TopicName.ALERTS.configs(1)).isEmpty();
        assertThat(TopicName.ALERTS.configs(3)).containsExactly(Map.entry("min.insync.replicas", "2"));
        assertThat(TopicName.PRODUCTS.configs(5)).containsOnly(Map.entry("cleanup.policy", "compact"),
                Map.entry("min.insync.replicas", "2"));
    }
}
