package io.orderflow.gateway.service;

import io.orderflow.api.Principal;
import io.orderflow.api.Problem;
import io.orderflow.api.Sha256;
import io.orderflow.avro.Role;
import io.orderflow.gateway.api.ImportReport;
import io.orderflow.gateway.api.ImportReport.RowProblem;
import io.orderflow.gateway.ledger.CsvReader;
import io.orderflow.gateway.ledger.LedgerReader;
import io.orderflow.gateway.ledger.Sheet;
import io.orderflow.gateway.ledger.SheetFormatException;
import io.orderflow.gateway.ledger.SheetTooLargeException;
import io.orderflow.gateway.ledger.XlsxReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a CSV or XLSX order ledger: every row is checked before anything is written; the good orders are then
 * placed in the background, at most {@value #IN_FLIGHT} at a time, while the status reports rows done of total.
 * Each order goes in once even when the same file is uploaded again: an order with an id in the ledger is keyed
 * by that id, one without by the file's hash and its line.
 */
public final class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    public static final int MAX_ROWS = 100_000;
    /** Why anyone but an administrator is refused a ledger with statuses. */
    static final String MIGRATION_ONLY = "a ledger with an order status column (订单状态, status) brings orders in"
            + " in their statuses, a migration: only an administrator may import it; without that column its"
            + " orders are placed as new";
    static final int IN_FLIGHT = 64;
    private static final int KEPT_JOBS = 200;

    private final OrderService orders;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > KEPT_JOBS;
        }
    });

    private final Executor writers;

    /** {@code writers} runs each import's writing in the background. */
    public ImportService(OrderService orders, Clock clock, ZoneId zone, Executor writers) {
        this.orders = orders;
        this.clock = clock;
        this.zone = zone;
        this.writers = writers;
    }

    /** An executor of daemon threads, one per running import. */
    public static Executor backgroundWriters() {
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ledger-import");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks the file and starts writing its good orders; the report answers at once. */
    public ImportReport start(Principal principal, byte[] file, String fileName, String statusUrlPrefix) {
        Sheet sheet;
        LedgerReader.Result ledger;
        try {
            sheet = XlsxReader.looksLikeXlsx(file) ? XlsxReader.read(file, MAX_ROWS) : CsvReader.read(file, MAX_ROWS);
            if (LedgerReader.hasStatus(LedgerReader.columns(sheet.header())) && principal.role() != Role.ADMIN) {
                throw new GatewayException.Forbidden(MIGRATION_ONLY);
            }
            ledger = LedgerReader.read(sheet, LocalDate.now(clock.withZone(zone)), zone);
        } catch (SheetTooLargeException e) {
            throw new GatewayException.TooLarge("the file is too large once unpacked",
                    List.of(new Problem("file", e.getMessage())));
        } catch (SheetFormatException e) {
            throw new GatewayException.Invalid("the file is not a readable order ledger",
                    List.of(new Problem("file", e.getMessage())));
        }
        String fileHash = sha256(file);
        String importId = UUID.randomUUID().toString();
        List<RowProblem> problems = ledger.problems().stream()
                .map(p -> new RowProblem(p.line(), p.column(), p.reason()))
                .toList();
        int goodRows = ledger.orders().stream().mapToInt(o -> o.lines().size()).sum();
        Job job = new Job(importId, principal.id(), statusUrlPrefix + importId, ledger.rows(),
                ledger.rows() - goodRows, ledger.orders().size(), problems);
        jobs.put(importId, job);
        log.info("Import {} by {}: {} rows, {} orders to write, {} rows rejected", importId, principal.id(),
                ledger.rows(), ledger.orders().size(), ledger.rows() - goodRows);
        String source = (fileName == null ? "upload" : fileName) + " (sha256 " + fileHash.substring(0, 12) + ")";
        writers.execute(() -> write(principal, fileHash, source, ledger, job));
        return job.report();
    }

    /** The progress of an import, for its owner (or an admin). */
    public Optional<ImportReport> status(Principal principal, String importId) {
        Job job = jobs.get(importId);
        if (job == null || !(job.owner.equals(principal.id()) || principal.role() == Role.ADMIN)) {
            return Optional.empty();
        }
        return Optional.of(job.report());
    }

    private void write(Principal principal, String fileHash, String file, LedgerReader.Result ledger, Job job) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        for (LedgerReader.LedgerOrder order : ledger.orders()) {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int firstLine = order.lines().get(0);
            String key = order.body().orderId() != null ? null : "import:" + fileHash + ":" + firstLine;
            CompletableFuture<Idempotency.Outcome> placed;
            try {
                RequestMeta meta = new RequestMeta(key, sha256(order.content()));
                placed = order.state() == null ? orders.place(principal, order.body(), meta)
                        : orders.importOrder(principal, order.body(), order.state(), file + " line " + firstLine,
                                meta);
            } catch (RuntimeException e) {
                placed = CompletableFuture.failedFuture(e);
            }
            placed.whenComplete((outcome, failure) -> {
                job.finished(order.lines().size(), failure == null ? null
                        : new RowProblem(firstLine, null, "not written: " + reason(failure)));
                inFlight.release();
            });
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof GatewayException)) {
            cause = cause.getCause();
        }
        return cause instanceof GatewayException ? cause.getMessage() + " (upload the file again to retry)"
                : "internal error";
    }

    private static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Job {
        final String id;
        final String owner;
        final String statusUrl;
        final int rowsTotal;
        final int rowsRejected;
        final int ordersTotal;
        final AtomicInteger rowsDone;
        final AtomicInteger ordersWritten = new AtomicInteger();
        final AtomicInteger ordersFailed = new AtomicInteger();
        final List<RowProblem> problems;

        Job(String id, String owner, String statusUrl, int rowsTotal, int rowsRejected, int ordersTotal,
                List<RowProblem> problems) {
            this.id = id;
            this.owner = owner;
            this.statusUrl = statusUrl;
            this.rowsTotal = rowsTotal;
            this.rowsRejected = rowsRejected;
            this.ordersTotal = ordersTotal;
            this.rowsDone = new AtomicInteger(rowsRejected);
            this.problems = Collections.synchronizedList(new ArrayList<>(problems));
        }

        void finished(int rows, RowProblem failure) {
            if (failure == null) {
                ordersWritten.incrementAndGet();
            } else {
                ordersFailed.incrementAndGet();
                problems.add(failure);
            }
            rowsDone.addAndGet(rows);
        }

        ImportReport report() {
            int written = ordersWritten.get();
            int failed = ordersFailed.get();
            String status = written + failed >= ordersTotal ? ImportReport.DONE : ImportReport.RUNNING;
            List<RowProblem> snapshot;
            synchronized (problems) {
                snapshot = List.copyOf(problems);
            }
            return new ImportReport(id, status, statusUrl, rowsTotal, rowsDone.get(), rowsRejected, ordersTotal,
                    written, failed, snapshot);
        }
    }
}
