package io.orderflow.gateway.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
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
 * Only the shared strings are kept; the lowest-numbered worksheet is read row by row as it unpacks
 * ({@link #stream}), so a worksheet of any length is never held whole.
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

    /** The whole first worksheet of {@code bytes}, for workbooks already in memory. */
    public static Sheet read(byte[] bytes, int maxRows) throws SheetFormatException {
        Path file = null;
        try {
            file = Files.createTempFile("orderflow-workbook-", ".xlsx");
            Files.write(file, bytes);
            try (RowStream rows = stream(file, maxRows)) {
                List<Sheet.Row> all = new ArrayList<>();
                for (Sheet.Row row; (row = rows.next()) != null; ) {
                    all.add(row);
                }
                return new Sheet(rows.header(), List.copyOf(all));
            }
        } catch (IOException e) {
            throw new SheetFormatException("the file is not a readable XLSX workbook", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
        }
    }

    /**
     * The rows of the workbook's first worksheet, one at a time: only its shared strings are held, the worksheet's
     * XML is read as it unpacks. Before that every part is unpacked once and counted against the limits.
     */
    public static RowStream stream(Path workbook, int maxRows) throws SheetFormatException {
        ZipFile zip;
        try {
            zip = new ZipFile(workbook.toFile());
        } catch (IOException e) {
            throw new SheetFormatException("the file is not a readable XLSX workbook", e);
        }
        try {
            if (zip.size() > MAX_ENTRIES) {
                throw new SheetTooLargeException("the workbook has more than " + MAX_ENTRIES + " parts");
            }
            Inflated inflated = new Inflated();
            ZipEntry shared = null;
            ZipEntry sheet = null;
            int sheetNumber = Integer.MAX_VALUE;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                try (InputStream part = zip.getInputStream(entry)) {
                    inflated.count(part);
                }
                Matcher worksheet = WORKSHEET.matcher(entry.getName());
                if (entry.getName().equals("xl/sharedStrings.xml")) {
                    shared = entry;
                } else if (worksheet.matches() && Integer.parseInt(worksheet.group(1)) < sheetNumber) {
                    sheet = entry;
                    sheetNumber = Integer.parseInt(worksheet.group(1));
                }
            }
            if (sheet == null) {
                throw new SheetFormatException("the workbook has no worksheet");
            }
            List<String> strings;
            try (InputStream part = zip.getInputStream(shared == null ? sheet : shared)) {
                strings = shared == null ? List.of() : sharedStrings(part);
            }
            SheetRows rows = new SheetRows(XML.createXMLStreamReader(zip.getInputStream(sheet)), strings, zip,
                    maxRows);
            rows.start();
            return rows;
        } catch (SheetFormatException e) {
            closeQuietly(zip);
            throw e;
        } catch (IOException | XMLStreamException | RuntimeException e) {
            closeQuietly(zip);
            throw new SheetFormatException("the worksheet is not readable", e);
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // nothing was written: the reader's own failure is the one to report
        }
    }

    /** Counts the bytes inflated across all the parts of one workbook. */
    private static final class Inflated {
        private final byte[] buffer = new byte[8192];
        private long total;

        /** Unpacks the part, every byte counting against the limits. */
        void count(InputStream part) throws IOException, SheetTooLargeException {
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
            }
        }
    }

    private static List<String> sharedStrings(InputStream xml) throws XMLStreamException {
        List<String> strings = new ArrayList<>();
        XMLStreamReader r = XML.createXMLStreamReader(xml);
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
        r.close();
        return strings;
    }

    /** The worksheet's rows as its XML unpacks, one {@code <row>} at a time. */
    private static final class SheetRows implements RowStream {
        private final XMLStreamReader r;
        private final List<String> shared;
        private final ZipFile zip;
        private final int maxRows;
        private List<String> header;
        private int rows;
        private int rowNumber;

        SheetRows(XMLStreamReader r, List<String> shared, ZipFile zip, int maxRows) {
            this.r = r;
            this.shared = shared;
            this.zip = zip;
            this.maxRows = maxRows;
        }

        void start() throws SheetFormatException, XMLStreamException {
            for (Sheet.Row row; (row = row()) != null; ) {
                if (!row.blank()) {
                    header = row.cells();
                    return;
                }
            }
            throw new SheetFormatException("the worksheet has no header row");
        }

        @Override
        public List<String> header() {
            return header;
        }

        @Override
        public Sheet.Row next() throws SheetFormatException {
            try {
                for (Sheet.Row row; (row = row()) != null; ) {
                    if (!row.blank()) {
                        if (++rows > maxRows) {
                            throw new SheetFormatException("the worksheet has more than " + maxRows + " rows");
                        }
                        return row;
                    }
                }
                return null;
            } catch (XMLStreamException | RuntimeException e) {
                throw new SheetFormatException("the worksheet is not readable", e);
            }
        }

        /** The next {@code <row>}, blank or not; null at the end of the worksheet. */
        private Sheet.Row row() throws XMLStreamException {
            TreeMap<Integer, String> cells = null;
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
                            return new Sheet.Row(rowNumber, List.copyOf(list));
                        }
                        default -> { }
                    }
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            try {
                r.close();
            } catch (XMLStreamException e) {
                // the zip below is what holds the file
            }
            zip.close();
        }
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
