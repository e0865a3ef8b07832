package io.orderflow.gateway.ledger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the first worksheet of an XLSX workbook as text cells: shared and inline strings, numbers as written in
 * the file (so {@code 12.5} stays exact), booleans. Small on purpose (no POI): a zip of XML read with StAX, DTDs
 * and external entities off.
 *
 * <p>Against zip bombs, every byte inflated is counted as it streams, in every entry, the ones not kept included:
 * a part may unpack to at most {@link #MAX_PART_BYTES}, the whole workbook to at most {@link #MAX_INFLATED_BYTES},
 * in at most {@link #MAX_ENTRIES} entries; past any of them the reader stops with a {@link SheetTooLargeException}.
 * Only the shared strings and the lowest-numbered worksheet are kept, so memory stays within two parts.
 */
public final class XlsxReader {

    /** The most one part (a worksheet, the shared strings) may unpack to. */
    public static final long MAX_PART_BYTES = 64L * 1024 * 1024;
    /** The most the whole workbook may unpack to, across all its parts. */
    public static final long MAX_INFLATED_BYTES = 128L * 1024 * 1024;
    /** The most entries the workbook's zip may have. */
    public static final int MAX_ENTRIES = 1000;

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();
    private static final Pattern WORKSHEET = Pattern.compile("xl/worksheets/sheet(\\d{1,9})\\.xml");

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private XlsxReader() {
    }

    /** Whether the bytes look like a zip (and so possibly an XLSX workbook). */
    public static boolean looksLikeXlsx(byte[] bytes) {
        return bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    public static Sheet read(byte[] bytes, int maxRows) throws SheetFormatException {
        byte[] shared = null;
        byte[] sheet = null;
        int sheetNumber = Integer.MAX_VALUE;
        Inflated inflated = new Inflated();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            int entries = 0;
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (++entries > MAX_ENTRIES) {
                    throw new SheetTooLargeException("the workbook has more than " + MAX_ENTRIES + " parts");
                }
                String name = entry.getName();
                Matcher worksheet = WORKSHEET.matcher(name);
                if (name.equals("xl/sharedStrings.xml")) {
                    shared = inflated.read(zip, true);
                } else if (worksheet.matches() && Integer.parseInt(worksheet.group(1)) < sheetNumber) {
                    sheet = inflated.read(zip, true);
                    sheetNumber = Integer.parseInt(worksheet.group(1));
                } else {
                    inflated.read(zip, false);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new SheetFormatException("the file is not a readable XLSX workbook", e);
        }
        if (sheet == null) {
            throw new SheetFormatException("the workbook has no worksheet");
        }
        try {
            List<Sheet.Row> rows = rows(sheet, sharedStrings(shared), maxRows);
            rows.removeIf(Sheet.Row::blank);
            if (rows.isEmpty()) {
                throw new SheetFormatException("the worksheet has no header row");
            }
            return new Sheet(rows.get(0).cells(), List.copyOf(rows.subList(1, rows.size())));
        } catch (XMLStreamException | RuntimeException e) {
            throw new SheetFormatException("the worksheet is not readable", e);
        }
    }

    /** Counts the bytes inflated across all the parts of one workbook. */
    private static final class Inflated {
        private final byte[] buffer = new byte[8192];
        private long total;

        /** The part's bytes when {@code keep}, else null; either way every byte counts against the limits. */
        byte[] read(InputStream part, boolean keep) throws IOException, SheetTooLargeException {
            ByteArrayOutputStream out = keep ? new ByteArrayOutputStream() : null;
            long size = 0;
            for (int n; (n = part.read(buffer)) > 0; ) {
                size += n;
                total += n;
                if (size > MAX_PART_BYTES) {
                    throw new SheetTooLargeException("a part of the workbook unpacks to more than " + MAX_PART_BYTES
                            + " bytes");
                }
                if (total > MAX_INFLATED_BYTES) {
                    throw new SheetTooLargeException("the workbook unpacks to more than " + MAX_INFLATED_BYTES
                            + " bytes");
                }
                if (out != null) {
                    out.write(buffer, 0, n);
                }
            }
            return out == null ? null : out.toByteArray();
        }
    }

    private static List<String> sharedStrings(byte[] xml) throws XMLStreamException {
        List<String> strings = new ArrayList<>();
        if (xml == null) {
            return strings;
        }
        XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
        StringBuilder current = null;
        boolean inText = false;
        boolean inPhonetic = false;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "si" -> current = new StringBuilder();
                    case "rPh" -> inPhonetic = true;
                    case "t" -> inText = !inPhonetic;
                    default -> { }
                }
            } else if (event == XMLStreamConstants.CHARACTERS && inText && current != null) {
                current.append(r.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "si" -> {
                        strings.add(current == null ? "" : current.toString());
                        current = null;
                    }
                    case "rPh" -> inPhonetic = false;
                    case "t" -> inText = false;
                    default -> { }
                }
            }
        }
        return strings;
    }

    private static List<Sheet.Row> rows(byte[] xml, List<String> shared, int maxRows) throws XMLStreamException,
            SheetFormatException {
        List<Sheet.Row> rows = new ArrayList<>();
        XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
        TreeMap<Integer, String> cells = null;
        int rowNumber = 0;
        int nextColumn = 0;
        String type = null;
        int column = 0;
        StringBuilder value = null;
        boolean inValue = false;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "row" -> {
                        String n = r.getAttributeValue(null, "r");
                        rowNumber = n == null ? rowNumber + 1 : Integer.parseInt(n);
                        cells = new TreeMap<>();
                        nextColumn = 0;
                    }
                    case "c" -> {
                        String ref = r.getAttributeValue(null, "r");
                        column = ref == null ? nextColumn : column(ref);
                        nextColumn = column + 1;
                        type = r.getAttributeValue(null, "t");
                        value = new StringBuilder();
                    }
                    case "v", "t" -> inValue = value != null;
                    default -> { }
                }
            } else if (event == XMLStreamConstants.CHARACTERS && inValue) {
                value.append(r.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "v", "t" -> inValue = false;
                    case "c" -> {
                        if (cells != null && value != null && column < 1000) {
                            cells.put(column, cellText(type, value.toString(), shared));
                        }
                        value = null;
                    }
                    case "row" -> {
                        List<String> list = new ArrayList<>();
                        if (cells != null && !cells.isEmpty()) {
                            for (int i = 0; i <= cells.lastKey(); i++) {
                                list.add(cells.getOrDefault(i, ""));
                            }
                        }
                        rows.add(new Sheet.Row(rowNumber, List.copyOf(list)));
                        if (rows.size() > maxRows + 1) {
                            throw new SheetFormatException("the worksheet has more than " + maxRows + " rows");
                        }
                        cells = null;
                    }
                    default -> { }
                }
            }
        }
        return rows;
    }

    private static String cellText(String type, String raw, List<String> shared) {
        if ("s".equals(type)) {
            int index = Integer.parseInt(raw.trim());
            return index >= 0 && index < shared.size() ? shared.get(index) : "";
        }
        if ("b".equals(type)) {
            return "1".equals(raw.trim()) ? "true" : "false";
        }
        return raw;
    }

    /** {@code "AB12"} → 27 (zero-based column). */
    static int column(String ref) {
        int column = 0;
        for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
            column = column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
        }
        return column - 1;
    }
}
