package io.orderflow.streams.order;

import io.orderflow.avro.AmendOrder;
import io.orderflow.avro.ArchivedOrder;
import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.ImportOrder;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderProcessing;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Product;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockClaim;
import io.orderflow.avro.StockClaimPhase;
import io.orderflow.avro.StockAnswer;
import io.orderflow.avro.StockRequest;
import io.orderflow.avro.StockResult;
import io.orderflow.streams.Remembered;
import io.orderflow.streams.catalog.CatalogTopology;
import io.orderflow.streams.customer.CustomerTopology;
import io.orderflow.streams.customer.StoredCustomers;
import io.orderflow.streams.stock.partitioned.Line;
import io.orderflow.streams.stock.partitioned.OrderStock;
import io.orderflow.streams.stock.partitioned.OrderStockState;
import io.orderflow.streams.stock.partitioned.SkuMessage;
import io.orderflow.streams.stock.partitioned.StockMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies commands and the SKUs' stock answers to one order at a time, in the order they arrive.
 *
 * <p>An approval of an order with goods cannot be decided here alone: its SKUs must reserve
 * every line first. The approval is parked in the order's {@link OrderProcessing} record, the
 * order's claim on stock ({@link OrderStock}, kept in the same record) starts an attempt, and
 * every further command for that order is held behind the approval and replayed, in order, once
 * the attempt's answer has been applied. So an order goes through its commands as if the approval
 * had been decided on the spot, which is what a sequential reading of the commands expects,
 * and a second approval, a cancellation or a shipment can never overtake a reservation. An order
 * found short waits in AWAITING_STOCK; when a SKU wakes it, its claim tries again, and the attempt
 * that reserves every line moves the order on as an allocation. A cancellation drops the claim at
 * every SKU of the order; shipments and returns go to their SKUs. See streams-app/README.md,
 * "Stock by SKU".
 *
 * <p>A placement or amendment naming a SKU the catalog does not know yet waits the same way,
 * for at most {@link #CATALOG_GRACE} (retried on wall-clock time), before it is refused with
 * UNKNOWN_SKU: the catalog reaches this task through its own topic and a global store, and may
 * trail by a commit interval a product created just before the order that names it.
 *
 * <p>Command ids already seen (accepted or refused) are kept per order, the last
 * {@value #REMEMBERED_COMMAND_IDS}, so a repeated command is applied once; a repeated or stale stock
 * answer is known by the claim's attempt and changes nothing.
 *
 * <p>Everything is decided before anything is written, so a failure while deciding (sent to
 * the dead-letter topic by the processing exception handler) leaves the stores untouched. That
 * includes the size of what would be written ({@link OrderSize}): a command after which the
 * order's event, the event its approval's answer would bring, or the order's bookkeeping (held
 * and parked commands, remembered ids) would be too large to write is refused with
 * ORDER_TOO_LARGE. The event embeds the order's whole new state, so it stands for the state on
 * {@code orders} and in {@code orders-store}'s changelog too, and for the stock requests and
 * tracking registrations, whose lines, ids and keys the state holds as well.
 *
 * <p>The monthly archive runs here too, as the owner of the order's stores: a wall-clock punctuation looks at a
 * bounded number of live orders, going on where the last one stopped, and moves each finished order past
 * retention ({@link ArchiveRules}) to {@value OrderLifecycleTopology#ARCHIVE_STORE} (whose changelog is the archive
 * topic) and its month index, then deletes it from {@value OrderLifecycleTopology#ORDERS_STORE} and its
 * bookkeeping (their changelogs get the tombstones). It emits no event: the analytics never see it. A command for
 * an archived order is refused with ORDER_ARCHIVED, so no half order comes back under its id.
 */
final class OrderProcessor implements Processor<String, Object, String, OrderOutput> {

    static final int REMEMBERED_COMMAND_IDS = 256;
    /** Orders whose state is kept as an object: a few commit intervals' worth of approvals at full speed. */
    static final int REMEMBERED_STATES = 1024;
    /** How long a command naming an unknown SKU waits for the catalog before it is refused. */
    static final Duration CATALOG_GRACE = Duration.ofSeconds(3);
    private static final Duration CATALOG_RETRY_INTERVAL = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(OrderProcessor.class);

    private final Serializer<OrderState> stateSerializer;
    private final OrderSettings settings;
    private String statesTopic;
    private ProcessorContext<String, OrderOutput> context;
    private KeyValueStore<String, OrderState> orders;
    private KeyValueStore<String, OrderProcessing> processing;
    private KeyValueStore<String, Long> catalogWaits;
    private KeyValueStore<String, Product> products;
    private KeyValueStore<String, ArchivedOrder> archive;
    private KeyValueStore<String, Long> archiveMonths;
    private ArchiveRules archiveRules;
    /** The live order the archive's next look starts at; null: the store's first. Kept in memory only. */
    private String archiveCursor;
    private OrderRules rules;
    private OrderSize size;
    /**
     * The states last read or written, as objects: the SKUs' answer to an approval comes right after it and
     * would decode the order again. Sound as this processor is {@value OrderLifecycleTopology#ORDERS_STORE}'s only
     * writer and no state is changed in place once decided ({@link OrderRules} works on a copy); new at every
     * {@code init}, so a revived task starts from the restored store.
     */
    private Remembered<String, OrderState> states;
    /** The bookkeeping of the order at hand as stored before this input ({@code null} for none). */
    private OrderProcessing storedBookkeeping;

    /** {@code stateSerializer}: the serializer of {@value OrderLifecycleTopology#ORDERS_STORE}'s values. */
    OrderProcessor(Serializer<OrderState> stateSerializer) {
        this(stateSerializer, OrderSettings.defaults());
    }

    OrderProcessor(Serializer<OrderState> stateSerializer, OrderSettings settings) {
        this.stateSerializer = stateSerializer;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, OrderOutput> context) {
        this.context = context;
        this.statesTopic = OrderLifecycleTopology.statesTopic(context.applicationId());
        this.orders = context.getStateStore(OrderLifecycleTopology.ORDERS_STORE);
        this.states = new Remembered<>(REMEMBERED_STATES);
        this.processing = context.getStateStore(OrderLifecycleTopology.PROCESSING_STORE);
        this.catalogWaits = context.getStateStore(OrderLifecycleTopology.CATALOG_WAIT_STORE);
        this.products = context.getStateStore(CatalogTopology.PRODUCTS_STORE);
        this.rules = new OrderRules(sku -> Optional.ofNullable(products.get(sku)),
                StoredCustomers.of(context.getStateStore(CustomerTopology.CUSTOMERS_STORE),
                        context.getStateStore(CustomerTopology.EXPOSURE_STORE)),
                settings.refundFourEyesAbove());
        this.size = OrderSize.under(context.appConfigs());
        this.archive = context.getStateStore(OrderLifecycleTopology.ARCHIVE_STORE);
        this.archiveMonths = context.getStateStore(OrderLifecycleTopology.ARCHIVE_MONTHS_STORE);
        this.archiveRules = new ArchiveRules(settings.archive());
        this.archiveCursor = null;
        context.schedule(CATALOG_RETRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::retryCatalogWaits);
        context.schedule(settings.archive().punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::archiveDue);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof OrderCommand command) {
            onCommand(record, command);
        } else if (record.value() instanceof StockAnswer answer) {
            onStockAnswer(record, answer);
        } else if (record.value() != null) {
            throw new IllegalArgumentException("unexpected input " + record.value().getClass().getName());
        }
    }

    private void onCommand(Record<String, Object> record, OrderCommand command) {
        String orderId = command.getOrderId();
        if (record.key() != null && !record.key().equals(orderId)) {
            throw new IllegalArgumentException("command " + command.getCommandId() + " for order " + orderId
                    + " arrived under key " + record.key() + "; commands must be keyed by order id");
        }
        OrderProcessing bookkeeping = bookkeeping(orderId);
        Outputs outputs = new Outputs(state(orderId), bookkeeping);
        if (seen(bookkeeping, outputs.current(), command.getCommandId())) {
            log.debug("command {} on order {} seen already, not applied again", command.getCommandId(), orderId);
            return;
        }
        if (waiting(bookkeeping)) {
            bookkeeping.getHeldCommands().add(command);
            remember(bookkeeping, command.getCommandId());
        } else {
            handle(command, bookkeeping, outputs, false);
            if (!outputs.accepted(command.getCommandId())) {
                // an accepted command is remembered by the order's history; the others (refused, parked, waiting
                // for the stock) only here
                remember(bookkeeping, command.getCommandId());
            }
        }
        if (!size.fits(orderId, bookkeeping)) {
            // held, parked or only remembered, the command would make the bookkeeping unwritable: the stores
            // keep what they had, and the command is refused (not remembered, so a retry is refused again)
            Outputs refused = new Outputs(null, null);
            refused.refusals.add(tooLarge(command));
            refused.send(record);
            return;
        }
        store(orderId, bookkeeping, outputs.current());
        outputs.send(record);
    }

    /**
     * A SKU's answer to the order's claim on stock: the claim takes it ({@link OrderStock#handle}: a stale or
     * repeated answer changes nothing) and what it reports reaches the lifecycle: the answer to the pending
     * approval (reserved or short), or, for an order waiting in AWAITING_STOCK, the allocation that ends its wait.
     */
    private void onStockAnswer(Record<String, Object> record, StockAnswer answer) {
        String orderId = answer.getOrderId();
        if (record.key() != null && !record.key().equals(orderId)) {
            throw new IllegalArgumentException("a stock answer for order " + orderId + " arrived under key "
                    + record.key() + "; stock answers must be keyed by order id");
        }
        OrderProcessing bookkeeping = bookkeeping(orderId);
        OrderStockState claim = StockMessages.fromAvro(orderId, bookkeeping.getStock());
        OrderStock.Step step = OrderStock.handle(claim, StockMessages.toOrder(answer));
        if (step.silent() && step.state().equals(claim)) {
            log.debug("stock answer {} of attempt {} for order {} changes nothing", answer.getType(),
                    answer.getAttempt(), orderId);
            return;
        }
        Outputs outputs = new Outputs(state(orderId), bookkeeping);
        outputs.claim(step);
        Instant at = Instant.ofEpochMilli(record.timestamp());
        for (OrderStock.Report report : step.reports()) {
            report(report, bookkeeping, outputs, at);
        }
        // the approval and the commands held behind it are in the order's history now
        forgetAccepted(bookkeeping, outputs);
        store(orderId, bookkeeping, outputs.current());
        outputs.send(record);
    }

    private void report(OrderStock.Report report, OrderProcessing bookkeeping, Outputs outputs, Instant at) {
        String orderId = report.orderId();
        OrderCommand pending = bookkeeping.getPendingApproval();
        if (report instanceof OrderStock.StockShort answer) {
            if (pending != null && pending.getCommandId().equals(answer.approvalId())) {
                bookkeeping.setPendingApproval(null);
                outputs.add(rules.decide(outputs.current(), Command.answerTo(pending, new StockResult(
                        answer.approvalId(), orderId, false, StockMessages.shipmentLines(answer.shortfall()),
                        "approval " + answer.approvalId(), at))));
                releaseHeld(bookkeeping, outputs);
            } else {
                log.info("stock shortage of approval {} for order {} matches no pending approval; ignored",
                        answer.approvalId(), orderId);
            }
            return;
        }
        OrderStock.StockReserved reserved = (OrderStock.StockReserved) report;
        if (pending != null && pending.getCommandId().equals(reserved.approvalId())) {
            bookkeeping.setPendingApproval(null);
            outputs.add(rules.decide(outputs.current(), Command.answerTo(pending, new StockResult(
                    reserved.approvalId(), orderId, true, List.of(), "approval " + reserved.approvalId(), at))));
            releaseHeld(bookkeeping, outputs);
            return;
        }
        String allocationId = "allocation:" + reserved.approvalId() + ":" + reserved.attempt();
        if (seen(bookkeeping, outputs.current(), allocationId)) {
            return;
        }
        Decision decision = rules.decide(outputs.current(), Command.allocation(new StockResult(allocationId, orderId,
                true, List.of(), "stock arrived for approval " + reserved.approvalId(), at)));
        if (decision instanceof Decision.Refused refused) {
            // the claim and the order live side by side, so this is not expected: say so, and keep the stock
            // reserved for the order until its cancellation drops it
            remember(bookkeeping, allocationId);
            log.warn("stock allocation {} no longer fits order {}: {}", allocationId, orderId,
                    refused.refusal().getReason());
        } else {
            outputs.add(decision);
        }
    }

    /**
     * Decides one command. A placement or amendment naming a SKU the catalog does not know is not
     * refused at once but parked for {@link #CATALOG_GRACE}: the catalog reaches this task through
     * its own topic and may trail a product created just before the order.
     */
    private void handle(OrderCommand command, OrderProcessing bookkeeping, Outputs outputs, boolean lastChance) {
        Optional<Command> parsed = Command.of(command);
        if (parsed.isEmpty()) {
            outputs.refusals.add(Refusal.newBuilder()
                    .setCommandId(command.getCommandId())
                    .setOrderId(command.getOrderId())
                    .setCommand(String.valueOf(command.getPayload() == null
                            ? null : command.getPayload().getClass().getSimpleName()))
                    .setActor(command.getActor())
                    .setAt(command.getAt())
                    .setCode(Refusals.UNKNOWN_COMMAND)
                    .setReason("the command's payload is of no known type")
                    .build());
            return;
        }
        OrderState order = outputs.current();
        if (order == null) {
            ArchivedOrder archived = archive.get(command.getOrderId());
            if (archived != null) {
                outputs.refusals.add(archived(command, parsed.get(), archived));
                return;
            }
        }
        Decision decision = rules.decide(order, parsed.get());
        if (!lastChance && decision instanceof Decision.Refused refused
                && Refusals.UNKNOWN_SKU.equals(refused.refusal().getCode())) {
            bookkeeping.setAwaitingCatalog(command);
            return;
        }
        decision = withinSize(order, command, parsed.get(), decision);
        outputs.add(decision);
        if (decision instanceof Decision.ReserveStock) {
            bookkeeping.setPendingApproval(command);
        }
    }

    /**
     * The decision, or ORDER_TOO_LARGE when its event could not be written. For an approval that goes to
     * the SKUs first, the events of the possible answers (reserved, or short of every line) are
     * checked now: once stock is reserved, the approval can no longer be refused. A shortfall of every line
     * is the largest answer there is. Both are worked out only when a bound of them found without doing so
     * ({@link OrderSize#approvalAnswersBound}) does not fit.
     */
    private Decision withinSize(OrderState order, OrderCommand command, Command parsed, Decision decision) {
        if (decision instanceof Decision.Accepted accepted && !fits(accepted)) {
            return OrderRules.refuse(order, parsed, Refusals.ORDER_TOO_LARGE, tooLargeReason("the order after "
                    + parsed.label()));
        }
        if (decision instanceof Decision.ReserveStock reserve
                && !size.approvalAnswersFit(command.getOrderId(), order, command, reserve.request())) {
            // near the limit only: working the answers out copies the whole order twice
            StockRequest request = reserve.request();
            String cause = "approval " + request.getRequestId();
            List<StockResult> answers = List.of(
                    new StockResult(request.getRequestId(), command.getOrderId(), true, List.of(), cause,
                            request.getAt()),
                    new StockResult(request.getRequestId(), command.getOrderId(), false, request.getLines(), cause,
                            request.getAt()));
            for (StockResult answer : answers) {
                if (rules.decide(order, Command.answerTo(command, answer)) instanceof Decision.Accepted accepted
                        && !fits(accepted)) {
                    return OrderRules.refuse(order, parsed, Refusals.ORDER_TOO_LARGE,
                            tooLargeReason("the order once approved"));
                }
            }
        }
        return decision;
    }

    /**
     * Whether the event of {@code accepted} fits, with its state encoded as its store will write it (the store's
     * serializer gives the same bytes again when the state is put, see {@code Topics#orderStates}).
     */
    private boolean fits(Decision.Accepted accepted) {
        OrderState state = accepted.state();
        return size.fits(state.getOrderId(), accepted.event(), stateSerializer.serialize(statesTopic, state).length);
    }

    private static Refusal archived(OrderCommand command, Command parsed, ArchivedOrder archived) {
        return Refusal.newBuilder()
                .setCommandId(command.getCommandId())
                .setOrderId(command.getOrderId())
                .setCommand(parsed.label())
                .setActor(command.getActor())
                .setAt(command.getAt())
                .setCode(Refusals.ORDER_ARCHIVED)
                .setReason("the order was archived (month " + archived.getMonth() + ") and can no longer change")
                .setStatus(archived.getOrder().getStatus())
                .build();
    }

    /**
     * Archives the finished orders past retention among the next {@link ArchiveSettings#maxPerPunctuation()} live
     * orders from where the last look stopped (in key order, starting over after the last). Each costs its
     * archive entry, its month index entry and the tombstones of its live records, once; an order still waiting
     * for something (a pending approval, held commands, the catalog) is left for a later look.
     */
    private void archiveDue(long now) {
        Instant at = Instant.ofEpochMilli(now);
        List<OrderState> due = new ArrayList<>();
        int visited = 0;
        try (KeyValueIterator<String, OrderState> live = archiveCursor == null ? orders.all()
                : orders.range(archiveCursor, null)) {
            while (live.hasNext() && visited < settings.archive().maxPerPunctuation()) {
                OrderState order = live.next().value;
                visited++;
                if (order != null && archiveRules.due(order, at)) {
                    due.add(order);
                }
            }
            archiveCursor = live.hasNext() ? live.peekNextKey() : null;
        }
        for (OrderState order : due) {
            String orderId = order.getOrderId();
            OrderProcessing stored = processing.get(orderId);
            // as the order's state implies it: an approval answered "reserved" is not written back (see answered)
            OrderProcessing bookkeeping = stored == null ? null : answered(stored, order);
            if (bookkeeping != null && (waiting(bookkeeping) || !bookkeeping.getHeldCommands().isEmpty())) {
                continue;
            }
            Instant finishedAt = order.getUpdatedAt();
            String month = archiveRules.month(finishedAt);
            archive.put(orderId, new ArchivedOrder(orderId, month, finishedAt, at, order));
            archiveMonths.put(OrderLifecycleTopology.archiveMonthKey(month, orderId), finishedAt.toEpochMilli());
            orders.delete(orderId);
            states.written(orderId, null);
            if (stored != null) {
                processing.delete(orderId);
            }
            if (catalogWaits.get(orderId) != null) {
                catalogWaits.delete(orderId);
            }
            // the processors in the order's task (the alerts) let go of it; no event: nothing for the analytics
            context.forward(new Record<>(orderId, new OrderOutput.Change(new OrderChange(order, null)), now));
        }
    }

    private Refusal tooLarge(OrderCommand command) {
        OrderState order = state(command.getOrderId());
        return Refusal.newBuilder()
                .setCommandId(command.getCommandId())
                .setOrderId(command.getOrderId())
                .setCommand(Command.of(command).map(Command::label).orElse(String.valueOf(
                        command.getPayload() == null ? null : command.getPayload().getClass().getSimpleName())))
                .setActor(command.getActor())
                .setAt(command.getAt())
                .setCode(Refusals.ORDER_TOO_LARGE)
                .setReason(tooLargeReason("with this command, the commands held for the order and the ids it"
                        + " remembers"))
                .setStatus(order == null ? null : order.getStatus())
                .build();
    }

    private String tooLargeReason(String what) {
        return what + " would take more than the " + size.limitBytes() + " bytes an order's records may";
    }

    /**
     * Writes the order's bookkeeping if this input changed it (deleted once it holds nothing) and, when it has
     * just parked a command for the catalog, until when that command waits: after the size check, so that a
     * refused command leaves no wait behind.
     */
    private void store(String orderId, OrderProcessing bookkeeping, OrderState order) {
        // an order's claim on stock stays once made: its attempt number must only grow
        boolean empty = bookkeeping.getPendingApproval() == null && bookkeeping.getAwaitingCatalog() == null
                && bookkeeping.getHeldCommands().isEmpty() && bookkeeping.getRecentCommandIds().isEmpty()
                && bookkeeping.getStock() == null;
        if (empty) {
            if (storedBookkeeping != null) {
                processing.delete(orderId);
            }
        } else if (!bookkeeping.equals(storedBookkeeping) && !unwrittenAnswer(bookkeeping, order)) {
            processing.put(orderId, bookkeeping);
        }
        if (bookkeeping.getAwaitingCatalog() != null && catalogWaits.get(orderId) == null) {
            catalogWaits.put(orderId, context.currentSystemTimeMs() + CATALOG_GRACE.toMillis());
        }
    }

    /**
     * Whether {@code bookkeeping} is what the stored one becomes by {@code order}, the order's new state, alone
     * (see {@link #answered}), so that it need not be written.
     */
    private boolean unwrittenAnswer(OrderProcessing bookkeeping, OrderState order) {
        return storedBookkeeping != null && storedBookkeeping.getPendingApproval() != null
                && answered(storedBookkeeping, order).equals(bookkeeping);
    }

    private static boolean waiting(OrderProcessing bookkeeping) {
        return bookkeeping.getPendingApproval() != null || bookkeeping.getAwaitingCatalog() != null;
    }

    /** Applies the commands held behind a wait, in order, until one waits again. */
    private void releaseHeld(OrderProcessing bookkeeping, Outputs outputs) {
        List<OrderCommand> held = new ArrayList<>(bookkeeping.getHeldCommands());
        bookkeeping.setHeldCommands(new ArrayList<>());
        for (int i = 0; i < held.size(); i++) {
            if (waiting(bookkeeping)) {
                bookkeeping.getHeldCommands().addAll(held.subList(i, held.size()));
                return;
            }
            handle(held.get(i), bookkeeping, outputs, false);
        }
    }

    /** Retries parked commands whose SKUs are known now, and refuses those whose grace has run out. */
    private void retryCatalogWaits(long now) {
        List<KeyValue<String, Long>> waits = new ArrayList<>();
        try (KeyValueIterator<String, Long> entries = catalogWaits.all()) {
            entries.forEachRemaining(waits::add);
        }
        for (KeyValue<String, Long> wait : waits) {
            OrderProcessing bookkeeping = bookkeeping(wait.key);
            OrderCommand parked = bookkeeping.getAwaitingCatalog();
            if (parked != null && !skusKnown(parked) && now < wait.value) {
                continue;
            }
            catalogWaits.delete(wait.key);
            if (parked == null) {
                continue;
            }
            bookkeeping.setAwaitingCatalog(null);
            Outputs outputs = new Outputs(state(wait.key), bookkeeping);
            handle(parked, bookkeeping, outputs, true);
            releaseHeld(bookkeeping, outputs);
            forgetAccepted(bookkeeping, outputs);
            store(wait.key, bookkeeping, outputs.current());
            outputs.send(new Record<>(wait.key, null, now));
        }
    }

    private OrderState state(String orderId) {
        return states.get(orderId, orders::get);
    }

    private boolean skusKnown(OrderCommand command) {
        List<OrderLine> lines = command.getPayload() instanceof PlaceOrder place ? place.getLines()
                : command.getPayload() instanceof AmendOrder amend ? amend.getLines()
                : command.getPayload() instanceof ImportOrder imported ? imported.getOrder().getLines() : List.of();
        return lines.stream().allMatch(line -> products.get(line.getSku()) != null);
    }

    /**
     * The order's bookkeeping to work on: a copy of what is stored as the order's state implies it ({@link
     * #answered}; kept in {@link #storedBookkeeping}, to tell whether the input changed it), or a new one.
     */
    private OrderProcessing bookkeeping(String orderId) {
        OrderProcessing stored = processing.get(orderId);
        storedBookkeeping = stored == null ? null : answered(stored, state(orderId));
        return storedBookkeeping != null
                ? OrderProcessing.newBuilder(storedBookkeeping).build()
                : new OrderProcessing(orderId, null, new ArrayList<>(), new ArrayList<>(), null, null);
    }

    /**
     * The bookkeeping as {@code order} implies it. The answer "reserved" to a pending approval with nothing held
     * behind it is not written to the bookkeeping: the approval's entry in the order's history, written in the
     * same transaction, says it was answered, and what the answer did to the bookkeeping follows from it (no
     * approval pending, its id no longer remembered here, the claim RESERVED). That saves a write per approval
     * (issue 21). A short answer, held commands and every other change are written as they happen, so a stored
     * pending approval whose id is in the history can only mean this.
     */
    static OrderProcessing answered(OrderProcessing stored, OrderState order) {
        OrderCommand pending = stored.getPendingApproval();
        StockClaim claim = stored.getStock();
        if (pending == null || order == null || claim == null || claim.getPhase() != StockClaimPhase.HOLDING
                || !pending.getCommandId().equals(claim.getApprovalId()) || !stored.getHeldCommands().isEmpty()
                || stored.getAwaitingCatalog() != null || !inHistory(order, pending.getCommandId())) {
            return stored;
        }
        List<String> ids = new ArrayList<>(stored.getRecentCommandIds());
        ids.remove(pending.getCommandId());
        return OrderProcessing.newBuilder(stored)
                .setPendingApproval(null)
                .setRecentCommandIds(ids)
                .setStock(StockClaim.newBuilder(claim).setPhase(StockClaimPhase.RESERVED).setWakePending(false).build())
                .build();
    }

    private static boolean inHistory(OrderState order, String commandId) {
        for (HistoryEntry entry : order.getHistory()) {
            if (commandId.equals(entry.getCommandId())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a command or allocation id was applied or refused already: remembered here or in the order's history. */
    private static boolean seen(OrderProcessing bookkeeping, OrderState order, String commandId) {
        return bookkeeping.getRecentCommandIds().contains(commandId) || order != null && inHistory(order, commandId);
    }

    /** Drops the ids of the commands {@code outputs} accepted: the order's history remembers them. */
    private static void forgetAccepted(OrderProcessing bookkeeping, Outputs outputs) {
        List<String> ids = bookkeeping.getRecentCommandIds();
        if (ids.stream().anyMatch(outputs::accepted)) {
            bookkeeping.setRecentCommandIds(new ArrayList<>(ids.stream().filter(id -> !outputs.accepted(id)).toList()));
        }
    }

    private static void remember(OrderProcessing bookkeeping, String commandId) {
        List<String> ids = bookkeeping.getRecentCommandIds();
        ids.add(commandId);
        if (ids.size() > REMEMBERED_COMMAND_IDS) {
            bookkeeping.setRecentCommandIds(new ArrayList<>(ids.subList(ids.size() - REMEMBERED_COMMAND_IDS,
                    ids.size())));
        }
    }

    /** What one input leads to, collected first and written afterwards. */
    private final class Outputs {
        private final OrderState stored;
        private final OrderProcessing bookkeeping;
        private OrderState state;
        private final List<OrderOutput> records = new ArrayList<>();
        private final List<Refusal> refusals = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        private final List<String> acceptedIds = new ArrayList<>();

        /**
         * {@code stored}: the order's state before this input ({@code null} for none); {@code bookkeeping}: the
         * order's bookkeeping being worked on, where the order's claim on stock is kept.
         */
        Outputs(OrderState stored, OrderProcessing bookkeeping) {
            this.stored = stored;
            this.bookkeeping = bookkeeping;
        }

        /** The order's state as the decisions so far leave it. */
        OrderState current() {
            return state != null ? state : stored;
        }

        boolean accepted(String commandId) {
            return acceptedIds.contains(commandId);
        }

        void add(Decision decision) {
            if (decision instanceof Decision.Accepted accepted) {
                String orderId = accepted.state().getOrderId();
                OrderState before = current();
                state = accepted.state();
                acceptedIds.add(accepted.event().getCommandId());
                addKeyed(orderId, new OrderOutput.Change(new OrderChange(before, accepted.state())));
                addKeyed(orderId, new OrderOutput.Event(accepted.event()));
                accepted.stockRequests().forEach(this::stock);
                accepted.trackingKeys().forEach(trackingKey -> addKeyed(trackingKey,
                        new OrderOutput.TrackingRegistration(orderId)));
            } else if (decision instanceof Decision.Refused refused) {
                refusals.add(refused.refusal());
            } else if (decision instanceof Decision.ReserveStock reserve) {
                stock(reserve.request());
            }
        }

        /** What the rules ask of the order's stock, as the order's claim turns it into messages to its SKUs. */
        private void stock(StockRequest request) {
            String orderId = request.getOrderId();
            OrderStockState current = StockMessages.fromAvro(orderId, bookkeeping.getStock());
            switch (request.getType()) {
                case RESERVE -> claim(OrderStock.approve(current, request.getRequestId(), request.getAt().toEpochMilli(),
                        lines(request.getLines())));
                case RELEASE -> claim(OrderStock.drop(current));
                case SHIP -> OrderStock.ship(current, request.getRequestId(), lines(request.getLines()))
                        .forEach(this::toSku);
                case RESTOCK -> OrderStock.restock(orderId, request.getRequestId(), lines(request.getLines()))
                        .forEach(this::toSku);
                default -> throw new IllegalArgumentException("the rules asked stock for " + request.getType());
            }
        }

        /** The claim's next state into the bookkeeping, its messages to the SKUs. */
        void claim(OrderStock.Step step) {
            bookkeeping.setStock(StockMessages.toAvro(step.state()));
            step.toSkus().forEach(this::toSku);
        }

        private void toSku(SkuMessage message) {
            addKeyed(message.sku(), new OrderOutput.ToSku(StockMessages.toAvro(message)));
        }

        private static List<Line> lines(List<ShipmentLine> lines) {
            List<Line> positive = new ArrayList<>();
            for (ShipmentLine line : lines) {
                if (line.getQuantity() > 0) {
                    positive.add(new Line(line.getSku(), line.getQuantity()));
                }
            }
            return positive;
        }

        private void addKeyed(String key, OrderOutput value) {
            keys.add(key);
            records.add(value);
        }

        /**
         * Writes the state and forwards the records, stamped with the input's time but without its headers:
         * headers a platform put on a command are no part of the order, and copied onto every record it leads
         * to they could make one too large to write ({@link OrderSize} counts keys and values).
         */
        void send(Record<String, ?> input) {
            if (state != null) {
                orders.put(state.getOrderId(), state);
                states.written(state.getOrderId(), state);
            }
            for (int i = 0; i < records.size(); i++) {
                context.forward(new Record<>(keys.get(i), records.get(i), input.timestamp()));
            }
            for (Refusal refusal : refusals) {
                context.forward(new Record<>(refusal.getOrderId(), new OrderOutput.Refused(size.fitted(refusal)),
                        input.timestamp()));
            }
        }
    }
}
