package io.orderflow.gateway.http;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.javalin.http.UploadedFile;
import io.orderflow.api.Authentication;
import io.orderflow.gateway.api.ImportReport;
import io.orderflow.gateway.api.RequestReader;
import io.orderflow.gateway.service.GatewayException;
import io.orderflow.gateway.service.ImportService;
import io.orderflow.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/imports/orders}: a CSV or XLSX order ledger, as the raw body or as the {@code file} part of a
 * multipart form, spooled to a temporary file as it arrives (never held whole). Answers {@code 202} with every bad
 * row and a status URL ({@code GET /v1/imports/{importId}}) that reports rows done of total while the good orders
 * are written.
 */
public final class ImportController {

    /** Limit of an uploaded ledger. */
    public static final int MAX_IMPORT_BYTES = 32 * 1024 * 1024;

    private static final Set<String> TYPES = Set.of("text/csv", "application/csv", "text/plain",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream",
            "application/vnd.ms-excel");

    private final ImportService imports;

    public ImportController(ImportService imports) {
        this.imports = imports;
    }

    public void upload(Context ctx) {
        ImportReport report = imports.start(Authentication.principal(ctx), file(ctx), fileName(ctx), "/v1/imports/");
        ctx.status(202).header("Location", report.statusUrl()).json(report);
    }

    public void status(Context ctx) {
        String importId = RequestReader.pathId("importId", ctx.pathParam("importId"));
        ImportReport report = imports.status(Authentication.principal(ctx), importId)
                .orElseThrow(() -> new GatewayException.NotFound("no such import"));
        ctx.json(report);
    }

    /** The uploaded file's name, as the form gives it or {@code ?name=}; for the imported orders' history. */
    private static String fileName(Context ctx) {
        String name = null;
        if (MediaType.parse(ctx.contentType()).map(MediaType::type).orElse("").equals("multipart/form-data")) {
            UploadedFile file = ctx.uploadedFile("file");
            name = file == null ? null : file.filename();
        }
        if (name == null) {
            name = ctx.queryParam("name");
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        String plain = name.strip().replaceAll("\\p{Cntrl}", "");
        return plain.length() > 200 ? plain.substring(0, 200) : plain;
    }

    /**
     * The upload, spooled to a temporary file as it arrives (never held in memory whole), at most
     * {@link #MAX_IMPORT_BYTES}; the import service deletes it once done with it.
     */
    private static Path file(Context ctx) {
        String mime = MediaType.parse(ctx.contentType()).map(MediaType::type).orElseThrow(() ->
                new UnsupportedMediaTypeResponse("send text/csv, an XLSX workbook or multipart/form-data"
                        + " with a Content-Type that is a media type", Map.of()));
        if (ctx.req().getContentLengthLong() > MAX_IMPORT_BYTES) {
            throw new ContentTooLargeResponse("the file is larger than " + MAX_IMPORT_BYTES + " bytes", Map.of());
        }
        if (mime.equals("multipart/form-data")) {
            UploadedFile file;
            try {
                file = ctx.uploadedFile("file");
            } catch (Exception e) {
                // Jetty's multipart parser fails on a broken form (no boundary, truncated part): the client's doing
                // (its ServletException arrives undeclared from Kotlin). The rest of the body is unread, so the
                // connection cannot carry another request.
                ctx.header("Connection", "close");
                throw new GatewayException.Invalid("the form could not be read", List.of(
                        new Problem("file", "the multipart form is malformed")));
            }
            if (file == null) {
                throw new GatewayException.Invalid("no file", List.of(
                        new Problem("file", "send the ledger as the form part 'file'")));
            }
            if (file.size() > MAX_IMPORT_BYTES) {
                throw new ContentTooLargeResponse("the file is larger than " + MAX_IMPORT_BYTES
                        + " bytes", Map.of());
            }
            return spool(file::content);
        }
        if (!TYPES.contains(mime)) {
            throw new UnsupportedMediaTypeResponse("send text/csv, an XLSX workbook or multipart/form-data", Map.of());
        }
        return spool(ctx::bodyInputStream);
    }

    private interface Upload {
        InputStream open() throws IOException;
    }

    private static Path spool(Upload upload) {
        Path file;
        try {
            file = Files.createTempFile("orderflow-import-", ".upload");
        } catch (IOException e) {
            throw new UncheckedIOException("no room for an uploaded ledger", e);
        }
        try (InputStream in = upload.open(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                if (size > MAX_IMPORT_BYTES) {
                    throw new ContentTooLargeResponse("the file is larger than " + MAX_IMPORT_BYTES + " bytes",
                            Map.of());
                }
                out.write(buffer, 0, n);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                file.toFile().deleteOnExit();
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new GatewayException.Invalid("the file could not be read", List.of(
                    new Problem("file", "could not be read")));
        }
    }
}
