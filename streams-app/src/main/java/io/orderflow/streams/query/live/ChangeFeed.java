package io.orderflow.streams.query.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes as they happen, to whoever listens (the live stream's clients). Fed by
 * {@link KafkaChangeSource}; a listener that fails is dropped, never the feed.
 */
public final class ChangeFeed {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    /** Listens until the returned handle is run. */
    public Runnable subscribe(Consumer<Change> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(Change change) {
        for (Consumer<Change> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.info("dropping a live listener that failed: {}", e.toString());
                listeners.remove(listener);
            }
        }
    }

    public int listeners() {
        return listeners.size();
    }
}
