package io.orderflow.gateway.ledger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the first worksheet of an XLSX workbook as text cells: shared and inline strings, numbers as written in
 * the file (so {@code 12.5} stays exact), booleans. Small on purpose (no POI): a zip of XML read with StAX, DTDs
 * and external entities off, every entry's size capped against zip bombs.
 */
public final class XlsxReader {

    private static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

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
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (name.equals("xl/sharedStrings.xml") || name.startsWith("xl/worksheets/sheet")) {
                    entries.put(name, readCapped(zip));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new SheetFormatException("the file is not a readable XLSX workbook", e);
        }
        String sheetName = entries.keySet().stream()
                .filter(n -> n.matches("xl/worksheets/sheet\\d+\\.xml"))
                .min((a, b) -> Integer.compare(number(a), number(b)))
                .orElseThrow(() -> new SheetFormatException("the workbook has no worksheet"));
        try {
            List<String> shared = sharedStrings(entries.get("xl/sharedStrings.xml"));
            List<Sheet.Row> rows = rows(entries.get(sheetName), shared, maxRows);
            rows.removeIf(Sheet.Row::blank);
            if (rows.isEmpty()) {
                throw new SheetFormatException("the worksheet has no header row");
            }
            return new Sheet(rows.get(0).cells(), List.copyOf(rows.subList(1, rows.size())));
        } catch (XMLStreamException | RuntimeException e) {
            throw new SheetFormatException("the worksheet is not readable", e);
        }
    }

    private static int number(String sheetName) {
        return Integer.parseInt(sheetName.replaceAll("\\D", ""));
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new IOException("a workbook part is larger than " + MAX_ENTRY_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
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
