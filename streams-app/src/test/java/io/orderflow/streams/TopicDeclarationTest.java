package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.serde.InMemorySchemaRegistry;
import io.orderflow.serde.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each topic is declared once ({@link Topics}, the contract's in {@code TopicName}: name, serdes, layout):
 * {@link TopicSetup} creates {@link Topics#all()}, and docker-compose.yml's topic-init must create the same topics
 * with the same partitions and configs, or a user of compose runs topics the apps would not have made (it once
 * compacted {@code alerts}, which TopicSetup did not).
 */
class TopicDeclarationTest {

    private static final Pattern CREATE = Pattern.compile("^ *create (\\S+) (\\d+)((?: \\S+=\\S+)*) *$",
            Pattern.MULTILINE);
    private static final Pattern REPLICATION_FACTOR = Pattern.compile("--replication-factor (\\d+)");

    private final Topics topics = Topics.from(Map.of(), new InMemorySchemaRegistry());

    private static String compose() throws Exception {
        return Files.readString(Path.of(System.getProperty("orderflow.root", "..")).resolve("docker-compose.yml"));
    }

    private static String setting(String compose, String name) {
        Matcher matcher = Pattern.compile(name + ": \"?(\\d+)\"?").matcher(compose);
        assertThat(matcher.find()).as(name + " in docker-compose.yml").isTrue();
        return matcher.group(1);
    }

    @Test
    void shouldCreateInComposeEveryDeclaredTopicAsTheAppWould() throws Exception {
        String compose = compose();
        int partitions = Integer.parseInt(setting(compose, "ORDERFLOW_TOPIC_PARTITIONS"));
        short replication = Short.parseShort(setting(compose, "ORDERFLOW_TOPIC_REPLICATION"));
        Matcher factor = REPLICATION_FACTOR.matcher(compose);
        assertThat(factor.find()).isTrue();
        assertThat(Short.parseShort(factor.group(1))).as("topic-init's replication factor").isEqualTo(replication);

        Map<String, String> inCompose = new TreeMap<>();
        Matcher create = CREATE.matcher(compose);
        while (create.find()) {
            String configs = Arrays.stream(create.group(3).trim().split(" ")).filter(config -> !config.isEmpty())
                    .sorted().collect(Collectors.joining(","));
            inCompose.put(create.group(1), create.group(2) + " partitions " + configs);
        }
        Map<String, Integer> declaredPartitions = new TreeMap<>();
        Map<String, String> declared = new TreeMap<>();
        for (Topic<?, ?> topic : topics.all()) {
            int count = topic.layout().partitionCount(partitions, declaredPartitions::get);
            declaredPartitions.put(topic.name(), count);
            String configs = topic.layout().configs(replication).entrySet().stream()
                    .map(config -> config.getKey() + "=" + config.getValue()).collect(Collectors.joining(","));
            declared.put(topic.name(), count + " partitions " + configs);
        }

        assertThat(inCompose).isEqualTo(declared);
    }

    @Test
    void shouldBindNoTopicToOnePartition() {
        // stock is partitioned by SKU: nothing in the pipeline is bound to one partition by design
        assertThat(topics.all()).allSatisfy(topic -> assertThat(topic.layout().partitions())
                .as(topic.name()).isNotInstanceOf(io.orderflow.contract.TopicLayout.Exactly.class));
        assertThat(topics.stockBySku().layout().partitions())
                .isEqualTo(new io.orderflow.contract.TopicLayout.Like(topics.stockMovements().name()));
    }

    @Test
    void shouldCreateEveryTopicItDeclares() {
        List<String> components = Arrays.stream(Topics.class.getRecordComponents())
                .filter(component -> component.getType() == Topic.class)
                .map(component -> {
                    try {
                        return ((Topic<?, ?>) component.getAccessor().invoke(topics)).name();
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();

        assertThat(topics.all()).extracting(Topic::name).containsExactlyInAnyOrderElementsOf(components);
    }

    @Test
    void shouldPartitionTheStockBySkuLikeTheMovementsAndItsAnswersLikeTheOrdersCommands() {
        Map<String, Integer> existing = Map.of(topics.orderCommands().name(), 12, topics.stockMovements().name(), 9);

        assertThat(topics.stockBySku().newTopic(6, (short) 3, existing::get).numPartitions()).isEqualTo(9);
        assertThat(topics.stockAnswers().newTopic(6, (short) 3, existing::get).numPartitions()).isEqualTo(12);
        assertThat(topics.catalog().newTopic(6, (short) 3, Map.of(topics.products().name(), 6)::get).configs())
                .containsOnly(Map.entry("cleanup.policy", "compact"), Map.entry("min.insync.replicas", "2"));
    }
}
