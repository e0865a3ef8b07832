package io.orderflow.streams.order;

import static io.orderflow.streams.TombstoneException.unlessTombstone;
import static io.orderflow.streams.TopicStreams.consumed;
import static io.orderflow.streams.TopicStreams.produced;

import io.orderflow.avro.ArchivedOrder;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderProcessing;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.Refusal;
import io.orderflow.streams.Topics;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The order lifecycle: reads {@code order-commands} (from the gateway, from e-commerce
 * platforms, and tracking scans resolved to their order) and the SKUs' answers on
 * {@code orderflow-stock-answers}, both keyed by order id so one order's inputs meet in one task
 * in order. The {@link OrderProcessor} applies {@link OrderRules} and writes the state to
 * {@value #ORDERS_STORE}, one event per accepted change to {@code order-events}, one refusal per refused
 * command to {@code order-refusals}, what the order asks of its SKUs' stock to
 * {@code orderflow-stock-by-sku} (keyed by SKU) and
 * shipment registrations to {@code orderflow-tracking-registrations}.
 *
 * <p>The state is written to Kafka once, as {@value #ORDERS_STORE}'s changelog ({@link #statesTopic}): a compacted
 * topic of every order's current state, the one consumers read for it. A topic of its own would write the same
 * record a second time on every change, and every event carries the state after it as well.
 *
 * <p>Stores: {@code orders-store} (order id → state, queryable), {@code order-processing-store}
 * (order id → pending approval, held commands, recent command ids, the order's claim on stock) and
 * {@code order-catalog-wait-store} (order id → until when a command naming an unknown SKU waits
 * for the catalog), and the monthly archive's {@code order-archive-store} (order id → ArchivedOrder, queryable, its
 * changelog the archive topic: see {@link #archiveTopic}) and {@code order-archive-months-store}
 * ({@code yyyy-MM|orderId} → finish time, so that a month is listed without reading the rest of the archive).
 */
public final class OrderLifecycleTopology {

    public static final String ORDERS_STORE = "orders-store";
    public static final String PROCESSING_STORE = "order-processing-store";
    public static final String CATALOG_WAIT_STORE = "order-catalog-wait-store";
    /** Archived orders: order id &rarr; ArchivedOrder; its changelog is the archive topic. */
    public static final String ARCHIVE_STORE = "order-archive-store";
    /** The archive's month index: {@code yyyy-MM|orderId} &rarr; when the order finished (epoch ms). */
    public static final String ARCHIVE_MONTHS_STORE = "order-archive-months-store";

    private OrderLifecycleTopology() {
    }

    /**
     * The compacted topic of every order's current state (order id &rarr; OrderState, Avro in Confluent's wire
     * format): {@value #ORDERS_STORE}'s changelog, named by Kafka Streams after the app's {@code application.id}.
     */
    public static String statesTopic(String applicationId) {
        return applicationId + "-" + ORDERS_STORE + "-changelog";
    }

    /**
     * The archive topic: the compacted topic of every archived order (order id &rarr; ArchivedOrder, Avro in
     * Confluent's wire format, a tombstone never), {@value #ARCHIVE_STORE}'s changelog, written once per archived
     * order like {@link #statesTopic} is per change.
     */
    public static String archiveTopic(String applicationId) {
        return applicationId + "-" + ARCHIVE_STORE + "-changelog";
    }

    /** The key of an archived order in {@value #ARCHIVE_MONTHS_STORE}: its month, then its id. */
    public static String archiveMonthKey(String month, String orderId) {
        return month + "|" + orderId;
    }

    /**
     * Adds the lifecycle to {@code builder}; {@code sameTask} gets the stream of the changes whose states it writes
     * to {@value #ORDERS_STORE}, for processors that must run in the task of the order's own state (the alerts: an order
     * and its alerts are then always on the same instance, the states are not read back from the topic, and
     * {@value #ORDERS_STORE} can be read there for an order's current state).
     */
    public static void addTo(StreamsBuilder builder, Topics topics, Consumer<KStream<String, OrderChange>> sameTask) {
        addTo(builder, topics, sameTask, events -> { });
    }

    /**
     * As {@link #addTo(StreamsBuilder, Topics, Consumer)}, and {@code eventsInTask} gets the stream of the events it
     * writes to {@code order-events}, in the same task too: a processor of every event (the analytics) need not
     * read them back from the topic, decode each order once more and trail the lifecycle by a commit.
     */
    public static void addTo(StreamsBuilder builder, Topics topics, Consumer<KStream<String, OrderChange>> sameTask,
                             Consumer<KStream<String, OrderEvent>> eventsInTask) {
        addTo(builder, topics, OrderSettings.defaults(), sameTask, eventsInTask);
    }

    /** As {@link #addTo(StreamsBuilder, Topics, Consumer, Consumer)}, with the lifecycle's {@code settings}. */
    public static void addTo(StreamsBuilder builder, Topics topics, OrderSettings settings,
                             Consumer<KStream<String, OrderChange>> sameTask,
                             Consumer<KStream<String, OrderEvent>> eventsInTask) {
        addTo(builder, topics, settings, sameTask, eventsInTask, refusals -> { });
    }

    /**
     * As {@link #addTo(StreamsBuilder, Topics, OrderSettings, Consumer, Consumer)}, and {@code refusalsInTask} gets
     * the stream of the refusals it writes to {@code order-refusals}, in the same task: whoever keeps them there (the
     * refusals' store) is read with the order's own state, without asking another instance.
     */
    public static void addTo(StreamsBuilder builder, Topics topics, OrderSettings settings,
                             Consumer<KStream<String, OrderChange>> sameTask,
                             Consumer<KStream<String, OrderEvent>> eventsInTask,
                             Consumer<KStream<String, Refusal>> refusalsInTask) {
        Serde<OrderState> states = topics.orderStates();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ORDERS_STORE), Serdes.String(), states)
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROCESSING_STORE),
                Serdes.String(), topics.storeSerde(OrderProcessing.class)).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CATALOG_WAIT_STORE),
                Serdes.String(), Serdes.Long()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARCHIVE_STORE),
                Serdes.String(), topics.storeSerde(ArchivedOrder.class)).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARCHIVE_MONTHS_STORE),
                Serdes.String(), Serdes.Long()).withCachingDisabled());

        KStream<String, Object> commands = builder
                .stream(topics.orderCommands().name(), consumed(topics.orderCommands(), "order-commands-source"))
                .mapValues(command -> (Object) unlessTombstone(command, topics.orderCommands().name(), "a command"),
                        Named.as("order-commands-as-input"));
        KStream<String, Object> answers = builder
                .stream(topics.stockAnswers().name(), consumed(topics.stockAnswers(), "stock-answers-source"))
                .mapValues(answer -> (Object) unlessTombstone(answer, topics.stockAnswers().name(), "a stock answer"),
                        Named.as("stock-answers-as-input"));

        commands.merge(answers, Named.as("order-inputs"))
                .process(() -> new OrderProcessor(states.serializer(), settings), Named.as("order-processor"), ORDERS_STORE, PROCESSING_STORE,
                        CATALOG_WAIT_STORE, ARCHIVE_STORE, ARCHIVE_MONTHS_STORE)
                .split(Named.as("order-output-"))
                .branch((key, value) -> value instanceof OrderOutput.Change, Branched.withConsumer(outputs -> {
                    sameTask.accept(outputs.mapValues(value -> ((OrderOutput.Change) value).value(),
                            Named.as("order-changes")));
                }, "states"))
                .branch((key, value) -> value instanceof OrderOutput.Event, Branched.withConsumer(outputs -> {
                    KStream<String, OrderEvent> events = outputs.mapValues(
                            value -> ((OrderOutput.Event) value).value(), Named.as("order-events"));
                    events.to(topics.orderEvents().name(), produced(topics.orderEvents(), "order-events-sink"));
                    eventsInTask.accept(events);
                }, "events"))
                .branch((key, value) -> value instanceof OrderOutput.Refused, Branched.withConsumer(outputs -> {
                    KStream<String, Refusal> refusals = outputs.mapValues(
                            value -> ((OrderOutput.Refused) value).value(), Named.as("order-refusals"));
                    refusals.to(topics.orderRefusals().name(), produced(topics.orderRefusals(), "order-refusals-sink"));
                    refusalsInTask.accept(refusals);
                }, "refusals"))
                .branch((key, value) -> value instanceof OrderOutput.ToSku, Branched.withConsumer(messages -> messages
                        .mapValues(value -> ((OrderOutput.ToSku) value).value(), Named.as("order-stock-messages"))
                        .to(topics.stockBySku().name(), produced(topics.stockBySku(), "order-stock-by-sku-sink")),
                        "stock"))
                .branch((key, value) -> value instanceof OrderOutput.TrackingRegistration,
                        Branched.withConsumer(registrations -> registrations
                                .mapValues(value -> ((OrderOutput.TrackingRegistration) value).value(),
                                        Named.as("order-tracking-registrations"))
                                .to(topics.trackingRegistrations().name(),
                                        produced(topics.trackingRegistrations(), "tracking-registrations-sink")),
                        "tracking"))
                .noDefaultBranch();
    }
}
