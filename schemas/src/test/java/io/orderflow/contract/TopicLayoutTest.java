package io.orderflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

    private static final Map<String, Integer> EXISTING = Map.of("order-commands", 12);

    @Test
    void shouldAskTwoInSyncReplicasOnceThereAreThreeAndCompactOnlyWhatIsDeclaredSo() {
        assertThat(TopicName.PRODUCTS.layout().configs(1)).containsExactly(Map.entry("cleanup.policy", "compact"));
        assertThat(TopicName.ALERTS.layout().configs(1)).isEmpty();
        assertThat(TopicName.ALERTS.layout().configs(3)).containsExactly(Map.entry("min.insync.replicas", "2"));
        assertThat(TopicName.PRODUCTS.layout().configs(5)).containsOnly(Map.entry("cleanup.policy", "compact"),
                Map.entry("min.insync.replicas", "2"));
    }

    @Test
    void shouldKeepATopicsOwnConfigsBesideThoseOfItsReplication() {
        TopicLayout week = TopicLayout.deleting().with("retention.ms", "604800000");

        assertThat(week.configs(3)).containsOnly(Map.entry("retention.ms", "604800000"),
                Map.entry("min.insync.replicas", "2"));
    }

    @Test
    void shouldCountPartitionsAsConfiguredExactlyOrLikeTheTopicNamed() {
        assertThat(TopicLayout.deleting().partitionCount(6, EXISTING::get)).isEqualTo(6);
        assertThat(TopicLayout.deleting().partitions(1).partitionCount(6, EXISTING::get)).isEqualTo(1);
        assertThat(TopicLayout.compacting().partitionedLike("order-commands").partitionCount(6, EXISTING::get))
                .isEqualTo(12);
    }

    @Test
    void shouldRefuseATopicWithoutPartitions() {
        assertThrows(IllegalArgumentException.class, () -> TopicLayout.deleting().partitions(0));
    }

    @Test
    void shouldDeclareEveryContractTopicOnceUnderADistinctNameAndSetting() {
        assertThat(TopicName.values()).extracting(TopicName::defaultName).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("[a-z]+(-[a-z]+)*"));
        assertThat(TopicName.values()).extracting(TopicName::setting).doesNotHaveDuplicates();
        assertThat(TopicName.DEAD_LETTERS.valueType()).isEqualTo(byte[].class);
    }
}
