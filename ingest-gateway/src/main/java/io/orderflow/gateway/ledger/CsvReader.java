package io.orderflow.gateway.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: quoted fields with doubled quotes and line breaks, CRLF or LF, a UTF-8 byte-order mark skipped.
 * Files that are not UTF-8 are read as GB18030 (what Excel writes on Chinese Windows). Comma, semicolon or tab
 * separated, whichever the header uses most.
 */
public final class CsvReader {

    private CsvReader() {
    }

    public static Sheet read(byte[] bytes, int maxRows) throws SheetFormatException {
        String text = decode(bytes);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        char separator = separator(text);
        List<Sheet.Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                rows.add(new Sheet.Row(rowLine, List.copyOf(cells)));
                cells.clear();
                line++;
                rowLine = line;
                if (rows.size() > maxRows + 1) {
                    throw new SheetFormatException("the file has more than " + maxRows + " rows");
                }
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new SheetFormatException("a quoted field opened on line " + rowLine + " is never closed");
        }
        if (cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            rows.add(new Sheet.Row(rowLine, List.copyOf(cells)));
        }
        rows.removeIf(Sheet.Row::blank);
        if (rows.isEmpty()) {
            throw new SheetFormatException("the file has no header row");
        }
        if (rows.size() > maxRows + 1) {
            throw new SheetFormatException("the file has more than " + maxRows + " rows");
        }
        return new Sheet(rows.get(0).cells(), List.copyOf(rows.subList(1, rows.size())));
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("GB18030"));
        }
    }

    private static char separator(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        char best = ',';
        long bestCount = header.chars().filter(c -> c == ',').count();
        for (char candidate : new char[] {';', '\t'}) {
            long count = header.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }
}
