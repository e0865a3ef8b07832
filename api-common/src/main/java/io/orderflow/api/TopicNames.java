package io.orderflow.api;

import io.orderflow.contract.TopicName;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topic names in force: each {@link TopicName}'s default unless the settings (usually
 * the environment) name it otherwise through {@link TopicName#setting()}, read as every other
 * setting ({@link Settings}). Kept beside the settings parser rather than beside the topics in
 * {@code schemas}, which sits below it.
 */
public final class TopicNames {

    private final Map<TopicName<?>, String> names;

    private TopicNames(Map<TopicName<?>, String> names) {
        this.names = names;
    }

    /** The defaults. */
    public static TopicNames defaults() {
        return from(Map.of());
    }

    /** The names from settings such as {@code System.getenv()}. */
    public static TopicNames from(Map<String, String> settings) {
        Map<TopicName<?>, String> names = new LinkedHashMap<>();
        for (TopicName<?> topic : TopicName.values()) {
            names.put(topic, Settings.text(settings, topic.setting(), topic.defaultName()));
        }
        return new TopicNames(names);
    }

    public String name(TopicName<?> topic) {
        return names.get(topic);
    }

    public Map<TopicName<?>, String> all() {
        return Map.copyOf(names);
    }
}
