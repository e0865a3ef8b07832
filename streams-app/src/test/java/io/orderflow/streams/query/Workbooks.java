package io.orderflow.streams.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads the text of an XLSX's cells (shared strings and inline strings and numbers), enough to check exports. */
final class Workbooks {

    private static final Pattern TEXT = Pattern.compile("<(?:t|v)(?: [^>]*)?>([^<]*)</(?:t|v)>");

    private Workbooks() {
    }

    static List<String> cells(byte[] xlsx) {
        List<String> cells = new ArrayList<>();
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
            java.nio.file.Files.write(file, xlsx);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    if (entry.getName().equals("xl/sharedStrings.xml") || entry.getName().startsWith("xl/worksheets/")) {
                        try (var in = zip.getInputStream(entry)) {
                            Matcher m = TEXT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            while (m.find()) {
                                cells.add(m.group(1));
                            }
                        }
                    }
                }
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cells;
    }

    /** The text of one part of the workbook, e.g. {@code xl/workbook.xml} (where the sheets are named). */
    static String part(byte[] xlsx, String name) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
            java.nio.file.Files.write(file, xlsx);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry entry = zip.getEntry(name);
                if (entry == null) {
                    throw new AssertionError("no " + name + " in the workbook");
                }
                try (var in = zip.getInputStream(entry)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
