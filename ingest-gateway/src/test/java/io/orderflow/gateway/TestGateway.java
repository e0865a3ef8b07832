package io.orderflow.gateway;

import io.javalin.Javalin;
import io.orderflow.api.TopicNames;
import io.orderflow.gateway.service.AnswerLog;
import io.orderflow.api.ApiKeys;
import io.orderflow.gateway.service.CatalogService;
import io.orderflow.gateway.service.CustomerService;
import io.orderflow.gateway.service.EventLog;
import io.orderflow.gateway.service.GatewayException;
import io.orderflow.gateway.service.GatewayTopics;
import io.orderflow.gateway.service.Idempotency;
import io.orderflow.gateway.service.ImportService;
import io.orderflow.gateway.service.Metrics;
import io.orderflow.gateway.service.OrderIds;
import io.orderflow.gateway.service.OrderService;
import io.orderflow.gateway.service.PartnerService;
import io.orderflow.gateway.service.StoredAnswer;
import io.orderflow.gateway.service.Written;
import io.orderflow.serde.InMemorySchemaRegistry;
import io.orderflow.serde.Topic;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's app with its Kafka stubbed: an event log in memory (that can refuse or hold writes), an answer
 * log in memory that outlives a "restart" (a new app on the same logs), a counting order-id sequence and a fixed
 * clock.
 */
public final class TestGateway {

    public static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final String QUERY_API = "http://query.test:7070";

    public final MemoryEventLog log = new MemoryEventLog();
    public final MemoryAnswerLog answers = new MemoryAnswerLog();
    public final CountingOrderIds orderIds = new CountingOrderIds();
    public final Metrics metrics = new Metrics();
    public volatile String notReadyBecause;
    public final GatewayTopics topics = GatewayTopics.from(TopicNames.defaults(), new InMemorySchemaRegistry());

    /** A fresh app on these logs, as after a restart: earlier answers are read back from the answer log. */
    public Javalin app() {
        Idempotency idempotency = new Idempotency(answers, () -> true);
        answers.saved.forEach(idempotency::remember);
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        OrderService orders = new OrderService(log, topics, idempotency, orderIds, CLOCK, zone, QUERY_API);
        return GatewayApp.create(new GatewayServices(
                ApiKeys.from(null, null, true),
                orders,
                new PartnerService(log, topics, idempotency),
                new CatalogService(log, topics, idempotency, CLOCK),
                new CustomerService(log, topics, idempotency, CLOCK),
                new ImportService(orders, CLOCK, zone, Runnable::run),
                () -> notReadyBecause,
                metrics));
    }

    /** One record the log took. */
    public record Appended(String topic, String key, Object value, long offset) {
    }

    /** Kafka in memory; every append is acknowledged at once unless told to fail or to hold. */
    public static final class MemoryEventLog implements EventLog {
        private final List<Appended> records = new ArrayList<>();
        private final Map<String, AtomicLong> offsets = new ConcurrentHashMap<>();
        private volatile boolean failing;
        private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

        @Override
        public <V> CompletableFuture<Written> append(Topic<String, V> topic, String key, V value) {
            if (failing) {
                return CompletableFuture.failedFuture(
                        new GatewayException.Unavailable("Kafka is unavailable; nothing was accepted", 5, null));
            }
            // Serialize as Kafka would, so that a record the contract cannot carry fails here too.
            topic.valueSerde().serializer().serialize(topic.name(), value);
            return gate.thenApply(ignored -> {
                long offset = offsets.computeIfAbsent(topic.name(), t -> new AtomicLong()).getAndIncrement();
                synchronized (records) {
                    records.add(new Appended(topic.name(), key, value, offset));
                }
                return new Written(topic.name(), 0, offset);
            });
        }

        public List<Appended> records() {
            synchronized (records) {
                return List.copyOf(records);
            }
        }

        public List<Appended> on(String topic) {
            return records().stream().filter(r -> r.topic().equals(topic)).toList();
        }

        public void failing(boolean failing) {
            this.failing = failing;
        }

        /** Holds acknowledgements until the returned future completes. */
        public CompletableFuture<Void> hold() {
            CompletableFuture<Void> held = new CompletableFuture<>();
            gate = held;
            return held;
        }
    }

    /** The idempotency topic in memory. */
    public static final class MemoryAnswerLog implements AnswerLog {
        public final Map<String, StoredAnswer> saved = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<Void> save(String key, StoredAnswer answer) {
            saved.putIfAbsent(key, answer);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Order ids from a counter. */
    public static final class CountingOrderIds implements OrderIds {
        private final AtomicLong next = new AtomicLong(1);

        @Override
        public String next(LocalDate date) {
            return date.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + String.format("%06d", next.getAndIncrement());
        }
    }
}
