package io.orderflow.gateway.service;

/**
 * Where Kafka acknowledged a record. {@link #token()} is the consistency token,
 * {@code <topic>:<partition>:<offset>}: a reader that has seen that offset of that partition has seen the write.
 */
public record Written(String topic, int partition, long offset) {

    public String token() {
        return topic + ":" + partition + ":" + offset;
    }
}
