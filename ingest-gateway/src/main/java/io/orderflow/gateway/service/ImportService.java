package io.orderflow.gateway.service;

import io.orderflow.api.Principal;
import io.orderflow.api.Problem;
import io.orderflow.api.Sha256;
import io.orderflow.avro.Role;
import io.orderflow.gateway.api.ImportReport;
import io.orderflow.gateway.api.ImportReport.RowProblem;
import io.orderflow.gateway.ledger.CsvReader;
import io.orderflow.gateway.ledger.LedgerReader;
import io.orderflow.gateway.ledger.RowStream;
import io.orderflow.gateway.ledger.SheetFormatException;
import io.orderflow.gateway.ledger.SheetTooLargeException;
import io.orderflow.gateway.ledger.XlsxReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
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
 * Imports a CSV or XLSX order ledger, streamed from the upload spooled to disk and never held whole: every row is
 * checked (a first read) before anything is written; the good orders are then placed, or imported in their status
 * when the ledger has one (administrators only), in the background (a second read), at most {@value #IN_FLIGHT}
 * at a time, while the status reports rows done of total.
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

    /**
     * Checks the file (streamed, read a first time) and starts writing its good orders (read a second time, in the
     * background); the report answers at once with every bad row. {@code file} is the upload spooled to disk: it
     * is deleted once the import is done, or at once when the file is refused.
     */
    public ImportReport start(Principal principal, Path file, String fileName, String statusUrlPrefix) {
        boolean started = false;
        try {
            String fileHash = sha256(file);
            int rowsTotal;
            int goodRows = 0;
            int ordersTotal = 0;
            List<RowProblem> problems;
            try (RowStream rows = open(file)) {
                LedgerReader.Orders orders = LedgerReader.orders(rows, today(), zone);
                if (orders.hasStatus() && principal.role() != Role.ADMIN) {
                    throw new GatewayException.Forbidden(MIGRATION_ONLY);
                }
                for (LedgerReader.LedgerOrder order; (order = orders.next()) != null; ) {
                    ordersTotal++;
                    goodRows += order.lines().size();
                }
                rowsTotal = orders.rowsRead();
                problems = orders.problems().stream()
                        .map(p -> new RowProblem(p.line(), p.column(), p.reason()))
                        .sorted(Comparator.comparingInt(RowProblem::line))
                        .toList();
            } catch (SheetTooLargeException e) {
                throw new GatewayException.TooLarge("the file is too large once unpacked",
                        List.of(new Problem("file", e.getMessage())));
            } catch (SheetFormatException e) {
                throw new GatewayException.Invalid("the file is not a readable order ledger",
                        List.of(new Problem("file", e.getMessage())));
            } catch (IOException e) {
                throw new GatewayException.Invalid("the file could not be read",
                        List.of(new Problem("file", "could not be read")));
            }
            String importId = UUID.randomUUID().toString();
            Job job = new Job(importId, principal.id(), statusUrlPrefix + importId, rowsTotal, rowsTotal - goodRows,
                    ordersTotal, problems);
            jobs.put(importId, job);
            log.info("Import {} by {}: {} rows, {} orders to write, {} rows rejected", importId, principal.id(),
                    rowsTotal, ordersTotal, rowsTotal - goodRows);
            String source = (fileName == null ? "upload" : fileName) + " (sha256 " + fileHash.substring(0, 12) + ")";
            writers.execute(() -> {
                try {
                    write(principal, file, fileHash, source, job);
                } finally {
                    delete(file);
                }
            });
            started = true;
            return job.report();
        } finally {
            if (!started) {
                delete(file);
            }
        }
    }

    /** The progress of an import, for its owner (or an admin). */
    public Optional<ImportReport> status(Principal principal, String importId) {
        Job job = jobs.get(importId);
        if (job == null || !(job.owner.equals(principal.id()) || principal.role() == Role.ADMIN)) {
            return Optional.empty();
        }
        return Optional.of(job.report());
    }

    /** The file's rows, XLSX or CSV (UTF-8, else GB18030) as its first bytes say. */
    static RowStream open(Path file) throws SheetFormatException {
        try {
            byte[] start;
            try (InputStream in = Files.newInputStream(file)) {
                start = in.readNBytes(8);
            }
            if (XlsxReader.looksLikeXlsx(start)) {
                return XlsxReader.stream(file, MAX_ROWS);
            }
            Charset charset;
            try (InputStream in = Files.newInputStream(file)) {
                charset = CsvReader.charset(in);
            }
            InputStream in = Files.newInputStream(file);
            try {
                return CsvReader.stream(in, charset, MAX_ROWS);
            } catch (SheetFormatException | RuntimeException e) {
                in.close();
                throw e;
            }
        } catch (IOException e) {
            throw new SheetFormatException("the file could not be read", e);
        }
    }

    /** Reads the file again and writes its good orders, at most {@value #IN_FLIGHT} at a time. */
    private void write(Principal principal, Path file, String fileHash, String source, Job job) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        try (RowStream rows = open(file)) {
            LedgerReader.Orders orders = LedgerReader.orders(rows, today(), zone);
            for (LedgerReader.LedgerOrder order; (order = orders.next()) != null; ) {
                inFlight.acquire();
                write(principal, fileHash, source, order, job, inFlight);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | SheetFormatException | RuntimeException e) {
            log.warn("Import {} could not read its file again: {}", job.id, e.toString());
            job.abandon("the file could not be read again (upload it again to retry)");
        }
    }

    private void write(Principal principal, String fileHash, String source, LedgerReader.LedgerOrder order, Job job,
            Semaphore inFlight) {
        int firstLine = order.lines().get(0);
        String key = order.body().orderId() != null ? null : "import:" + fileHash + ":" + firstLine;
        CompletableFuture<Idempotency.Outcome> placed;
        try {
            RequestMeta meta = new RequestMeta(key, sha256(order.content()));
            placed = order.state() == null ? orders.place(principal, order.body(), meta)
                    : orders.importOrder(principal, order.body(), order.state(), source + " line " + firstLine, meta);
        } catch (RuntimeException e) {
            placed = CompletableFuture.failedFuture(e);
        }
        placed.whenComplete((outcome, failure) -> {
            job.finished(order.lines().size(), failure == null ? null
                    : new RowProblem(firstLine, null, "not written: " + reason(failure)));
            inFlight.release();
        });
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete an uploaded ledger: {}", e.toString());
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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

    private static String sha256(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
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

        /** The file could not be read again: every order not yet written counts as failed. */
        void abandon(String reason) {
            int left = ordersTotal - ordersWritten.get() - ordersFailed.get();
            if (left > 0) {
                ordersFailed.addAndGet(left);
                rowsDone.set(rowsTotal);
                problems.add(new RowProblem(0, null, reason));
            }
        }

        ImportReport report() {
            int written = ordersWritten.get();
            int failed = ordersFailed.get();
            String status = written + failed >= ordersTotal ? ImportReport.DONE : ImportReport.RUNNING;
            List<RowProblem> snapshot;
            synchronized (problems) {
                snapshot = List.copyOf(problems);
            }
            return new ImportReport(id, status, statusUrl, rowsTotal, rowsTotal - rowsRejected, rowsDone.get(),
                    rowsRejected, ordersTotal,
                    written, failed, snapshot);
        }
    }
}
