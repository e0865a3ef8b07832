package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.contract.TopicName;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void shouldUseTheDefaultsInKebabCase() {
        TopicNames names = TopicNames.defaults();

        assertThat(names.name(TopicName.ORDER_COMMANDS)).isEqualTo("order-commands");
        assertThat(names.name(TopicName.DEAD_LETTERS)).isEqualTo("dead-letters");
        assertThat(names.all().values()).allMatch(name -> name.matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void shouldTakeANameFromTheSettings() {
        TopicNames names = TopicNames.from(Map.of("ORDERFLOW_TOPIC_ORDER_EVENTS", " shop1-order-events ", "ORDERFLOW_TOPIC_ALERTS", ""));

        assertThat(names.name(TopicName.ORDER_EVENTS)).isEqualTo("shop1-order-events");
        assertThat(names.name(TopicName.ALERTS)).isEqualTo("alerts");
    }
}
