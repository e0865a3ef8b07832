package io.orderflow.demo;

import io.orderflow.demo.DemoCatalog.Item;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traffic: waits for the gateway, loads the catalog, then places orders at the configured rate and drives
 * each through its planned life, many at once, one step every few seconds (time compressed so the dashboard moves
 * within a minute). Restocking, purchases for orders awaiting stock and stocktakes run alongside.
 *
 * <p>A {@code 202} only means Kafka has the command; the streams app may still refuse it. Before a step the order's
 * status is read from the query API when it can tell; a step waits (re-checking) until its status is reached, and
 * an order that never gets there is given up. Error answers are logged (never with customer data) and the order
 * is dropped; the generator itself never stops on them. Everything is scheduled on the {@link Scheduler}: there
 * are no sleeping loops.
 */
public final class Traffic {

    private static final Logger log = LoggerFactory.getLogger(Traffic.class);

    static final int MAX_WAITS = 40;
    static final int MAX_RETRIES = 4;
    static final Duration RESTOCK_EVERY = Duration.ofSeconds(40);
    static final Duration STOCKTAKE_EVERY = Duration.ofSeconds(150);
    static final Duration SUMMARY_EVERY = Duration.ofSeconds(30);
    static final Duration CATALOG_RETRY = Duration.ofSeconds(5);
    static final int CATALOG_ATTEMPTS = 5;

    private final DemoConfig config;
    private final GatewayClient gateway;
    private final QueryApi query;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Random random;
    private final Tally tally = new Tally();
    private final OrderPlans plans;
    private final OrderSteps steps;
    private final StockKeeper stock;
    private final AtomicInteger placed = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CompletableFuture<Tally> finished = new CompletableFuture<>();
    private Instant waitingSince;

    public Traffic(DemoConfig config, GatewayClient gateway, QueryApi query, Scheduler scheduler, Clock clock) {
        this(config, gateway, query, scheduler, clock, DemoCatalog.ITEMS, "d" + Long.toString(clock.millis(), 36));
    }

    Traffic(DemoConfig config, GatewayClient gateway, QueryApi query, Scheduler scheduler, Clock clock,
            List<Item> items, String runId) {
        this.config = config;
        this.gateway = gateway;
        this.query = query;
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = new Random(config.seed());
        this.plans = new OrderPlans(new Customers(), items);
        this.steps = new OrderSteps(runId, clock);
        this.stock = new StockKeeper(gateway, items, runId, clock, tally);
    }

    /** Starts at once; {@link #finished()} tells when (and whether) it is done. */
    public void start() {
        waitingSince = clock.instant();
        scheduler.schedule(Duration.ZERO, () -> awaitGateway(1));
    }

    /** Completes when DEMO_MAX_ORDERS orders have run their course (never without it); fails if the gateway never got ready. */
    public CompletableFuture<Tally> finished() {
        return finished;
    }

    /** No further steps: what is scheduled returns without a request. */
    public void stop() {
        stopped.set(true);
    }

    public Tally tally() {
        return tally;
    }

    private boolean running() {
        return !stopped.get() && !finished.isDone();
    }

    private void awaitGateway(int attempt) {
        if (!running()) {
            return;
        }
        if (gateway.ready()) {
            log.info("Gateway {} is ready; loading the demo catalog", gateway.base());
            loadCatalog(1);
            return;
        }
        Duration waited = Duration.between(waitingSince, clock.instant());
        if (waited.compareTo(config.readyTimeout()) >= 0) {
            finished.completeExceptionally(new IllegalStateException("The gateway at " + gateway.base()
                    + " did not become ready within " + config.readyTimeout().toSeconds() + " s (" + attempt
                    + " attempts at /health/ready). Is it running (./orderflow up), and is "
                    + "Kafka up? Set GATEWAY_URL if it listens elsewhere."));
            return;
        }
        Duration backoff = Duration.ofMillis(Math.min(10_000, 500L << Math.min(attempt, 5)));
        if (attempt == 1 || attempt % 5 == 0) {
            log.info("Waiting for the gateway at {} to be ready (attempt {})", gateway.base(), attempt);
        }
        scheduler.schedule(backoff, () -> awaitGateway(attempt + 1));
    }

    private void loadCatalog(int attempt) {
        if (!running()) {
            return;
        }
        if (stock.loadCatalog()) {
            log.info("Demo catalog loaded: {} products with opening stock", DemoCatalog.ITEMS.size());
        } else if (attempt < CATALOG_ATTEMPTS) {
            scheduler.schedule(CATALOG_RETRY, () -> loadCatalog(attempt + 1));
            return;
        } else {
            log.warn("The demo catalog is not fully loaded after {} attempts; orders for missing products will be "
                    + "refused", attempt);
        }
        scheduler.schedule(Duration.ZERO, this::placeNext);
        scheduler.schedule(RESTOCK_EVERY, this::restock);
        scheduler.schedule(STOCKTAKE_EVERY, this::stocktake);
        scheduler.schedule(SUMMARY_EVERY, this::summary);
    }

    private void placeNext() {
        if (!running()) {
            return;
        }
        int limit = config.maxOrders().orElse(Integer.MAX_VALUE);
        if (placed.get() >= limit) {
            finishIfDone();
            return;
        }
        int number = placed.incrementAndGet();
        LocalDate today = LocalDate.ofInstant(clock.instant(), config.zone());
        OrderPlan plan = plans.next(number, random, today);
        OrderLifecycle lifecycle = new OrderLifecycle(plan, steps.of(plan), new Random(random.nextLong()));
        inFlight.incrementAndGet();
        if (number == 1) {
            log.info("Placing orders: about {} a minute{}", config.ordersPerMinute(),
                    config.maxOrders().isPresent() ? ", " + limit + " in all" : "");
        }
        scheduler.schedule(Duration.ZERO, () -> advance(lifecycle));
        if (number < limit) {
            scheduler.schedule(jitter(config.placementInterval(), random), this::placeNext);
        }
    }

    /** Takes the order's current step: check its status, send the request, schedule the next. */
    void advance(OrderLifecycle lc) {
        if (!running()) {
            return;
        }
        Step step = lc.current();
        if (step == null) {
            tally.countFinished();
            end();
            return;
        }
        if (lc.call == null) {
            if (!step.readyWhen().isEmpty() && lc.orderId != null && !readyFor(lc, step)) {
                return;
            }
            lc.call = step.call().apply(lc.orderId);
        }
        Answer answer = gateway.send(lc.call);
        if (answer.accepted()) {
            tally.countAccepted(step.action());
            if (step.action() == Action.PLACE) {
                Optional<String> id = answer.text("orderId");
                if (id.isEmpty()) {
                    log.warn("Order {}: the gateway accepted it without an order id; dropped", lc.name());
                    giveUp(lc);
                    return;
                }
                lc.orderId = id.get();
                log.debug("Order {} placed: {}", lc.orderId, lc.plan);
            }
            lc.next();
            scheduler.schedule(jitter(pace(lc), lc.random), () -> advance(lc));
        } else if (answer.retryable() && ++lc.attempts <= MAX_RETRIES) {
            Duration pause = answer.retryAfter().orElse(Duration.ofSeconds(2L * lc.attempts));
            log.debug("Order {}: {} got {}, retrying in {} s", lc.name(), step.action(), answer.reason(),
                    pause.toSeconds());
            scheduler.schedule(pause, () -> advance(lc));
        } else {
            if (answer.retryable()) {
                tally.countFailed();
            } else {
                tally.countRefused();
            }
            log.warn("Order {}: {} not taken ({}); the order is left as it is", lc.name(), step.action(),
                    answer.reason());
            giveUp(lc);
        }
    }

    /** True when the query API says the step may go (or cannot tell); otherwise schedules a re-check. */
    private boolean readyFor(OrderLifecycle lc, Step step) {
        Optional<String> status = query.status(lc.orderId);
        if (status.isEmpty() || step.readyWhen().contains(status.get())) {
            return true;
        }
        String now = status.get();
        if (now.equals("CANCELLED")) {
            log.info("Order {} was cancelled before {}; it ends here", lc.name(), step.action());
            giveUp(lc);
            return false;
        }
        if (now.equals("AWAITING_STOCK") && !lc.expedited) {
            lc.expedited = true;
            stock.expedite(lc.plan.lines().stream().map(l -> l.item().sku()).toList());
        }
        if (++lc.waits > MAX_WAITS) {
            log.warn("Order {} stayed {} instead of {} for {}; given up", lc.name(), now, step.readyWhen(),
                    step.action());
            giveUp(lc);
            return false;
        }
        scheduler.schedule(recheck(), () -> advance(lc));
        return false;
    }

    /** Late orders crawl (three times the pause), so they stay red on the dashboard for a while. */
    private Duration pace(OrderLifecycle lc) {
        return lc.plan.late() ? config.stepPause().multipliedBy(3) : config.stepPause();
    }

    private Duration recheck() {
        return config.stepPause().dividedBy(2);
    }

    private void giveUp(OrderLifecycle lc) {
        tally.countAbandoned();
        end();
    }

    private void end() {
        inFlight.decrementAndGet();
        finishIfDone();
    }

    private void finishIfDone() {
        if (config.maxOrders().isPresent() && placed.get() >= config.maxOrders().getAsInt() && inFlight.get() == 0) {
            finished.complete(tally);
        }
    }

    private void restock() {
        if (running()) {
            stock.restock(random);
            scheduler.schedule(RESTOCK_EVERY, this::restock);
        }
    }

    private void stocktake() {
        if (running()) {
            stock.stocktake(random);
            scheduler.schedule(STOCKTAKE_EVERY, this::stocktake);
        }
    }

    private void summary() {
        if (running()) {
            log.info("So far: {}", tally.summary());
            scheduler.schedule(SUMMARY_EVERY, this::summary);
        }
    }

    /** Somewhere between half and one and a half times the mean. */
    private static Duration jitter(Duration mean, Random r) {
        return Duration.ofMillis(Math.round(mean.toMillis() * (0.5 + r.nextDouble())));
    }
}
