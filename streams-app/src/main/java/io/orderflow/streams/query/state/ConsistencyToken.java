package io.orderflow.streams.query.state;

import java.util.Optional;

/**
 * The gateway's consistency token, {@code <topic>:<partition>:<offset>} of an acknowledged write
 * (normally to {@code order-commands}). A store has processed the write once its position for
 * that topic partition has reached the offset.
 */
public record ConsistencyToken(String topic, int partition, long offset) {

    public static Optional<ConsistencyToken> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        int second = text.lastIndexOf(':');
        int first = second <= 0 ? -1 : text.lastIndexOf(':', second - 1);
        if (first <= 0) {
            throw new IllegalArgumentException("a consistency token reads <topic>:<partition>:<offset>");
        }
        try {
            int partition = Integer.parseInt(text.substring(first + 1, second));
            long offset = Long.parseLong(text.substring(second + 1));
            if (partition < 0 || offset < 0) {
                throw new IllegalArgumentException("a consistency token's partition and offset are not negative");
            }
            return Optional.of(new ConsistencyToken(text.substring(0, first).trim(), partition, offset));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a consistency token reads <topic>:<partition>:<offset>", e);
        }
    }

    @Override
    public String toString() {
        return topic + ":" + partition + ":" + offset;
    }

    /** A token of a partition its topic does not have: no write there can ever be processed. */
    public static final class NoSuchPartition extends RuntimeException {

        public NoSuchPartition(ConsistencyToken token) {
            super("partition " + token.partition() + " of " + token.topic() + " does not exist");
        }
    }
}
