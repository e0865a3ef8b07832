package io.orderflow.gateway.ledger;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: quoted fields with doubled quotes and line breaks, CRLF or LF, a UTF-8 byte-order mark skipped.
 * Files that are not UTF-8 are read as GB18030 (what Excel writes on Chinese Windows). Comma, semicolon or tab
 * separated, whichever the header uses most. Read as a stream ({@link #stream}): one row at a time, never the
 * whole file.
 */
public final class CsvReader {

    /** The most characters the header line may have: the separator is told from it. */
    private static final int MAX_HEADER_CHARS = 1024 * 1024;
    private static final Charset GB18030 = Charset.forName("GB18030");

    private CsvReader() {
    }

    /** The whole table of {@code bytes}, for files already in memory. */
    public static Sheet read(byte[] bytes, int maxRows) throws SheetFormatException {
        Charset charset;
        try {
            charset = charset(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (RowStream rows = stream(new ByteArrayInputStream(bytes), charset, maxRows)) {
            List<Sheet.Row> all = new ArrayList<>();
            for (Sheet.Row row; (row = rows.next()) != null; ) {
                all.add(row);
            }
            return new Sheet(rows.header(), List.copyOf(all));
        } catch (IOException e) {
            throw new SheetFormatException("the file could not be read", e);
        }
    }

    /** UTF-8 when every byte of {@code in} decodes as UTF-8, else GB18030; reads {@code in} to its end. */
    public static Charset charset(InputStream in) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        byte[] buffer = new byte[32 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            bytes.put(buffer, 0, n).flip();
            CoderResult result = utf8.decode(bytes, chars, false);
            if (result.isError()) {
                return GB18030;
            }
            chars.clear();
            bytes.compact();
        }
        bytes.flip();
        if (utf8.decode(bytes, chars, true).isError() || utf8.flush(chars).isError() || bytes.hasRemaining()) {
            return GB18030;
        }
        return StandardCharsets.UTF_8;
    }

    /** The rows of the CSV {@code in}, one at a time; at most {@code maxRows} data rows. */
    public static RowStream stream(InputStream in, Charset charset, int maxRows) throws SheetFormatException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset), 64 * 1024);
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            Parser parser = new Parser(reader, separator(reader));
            for (Sheet.Row row; (row = parser.row()) != null; ) {
                if (!row.blank()) {
                    return new Rows(parser, row.cells(), maxRows);
                }
            }
        } catch (IOException e) {
            throw new SheetFormatException("the file could not be read", e);
        }
        throw new SheetFormatException("the file has no header row");
    }

    private static char separator(BufferedReader reader) throws IOException {
        reader.mark(MAX_HEADER_CHARS + 1);
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        for (int i = 0, c; i < MAX_HEADER_CHARS && (c = reader.read()) >= 0 && c != '\n'; i++) {
            comma += c == ',' ? 1 : 0;
            semicolon += c == ';' ? 1 : 0;
            tab += c == '\t' ? 1 : 0;
        }
        reader.reset();
        if (semicolon > comma && semicolon >= tab) {
            return ';';
        }
        return tab > comma && tab > semicolon ? '\t' : ',';
    }

    private static final class Rows implements RowStream {
        private final Parser parser;
        private final List<String> header;
        private final int maxRows;
        private int rows;

        Rows(Parser parser, List<String> header, int maxRows) {
            this.parser = parser;
            this.header = header;
            this.maxRows = maxRows;
        }

        @Override
        public List<String> header() {
            return header;
        }

        @Override
        public Sheet.Row next() throws SheetFormatException {
            try {
                for (Sheet.Row row; (row = parser.row()) != null; ) {
                    if (!row.blank()) {
                        if (++rows > maxRows) {
                            throw new SheetFormatException("the file has more than " + maxRows + " rows");
                        }
                        return row;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new SheetFormatException("the file could not be read", e);
            }
        }

        @Override
        public void close() throws IOException {
            parser.reader.close();
        }
    }

    /** Reads one row at a time, counting lines as the user sees them (a quoted line break starts a new line). */
    private static final class Parser {
        private final Reader reader;
        private final char separator;
        private int line = 1;
        private int pending = -2;

        Parser(Reader reader, char separator) {
            this.reader = reader;
            this.separator = separator;
        }

        private int read() throws IOException {
            if (pending != -2) {
                int c = pending;
                pending = -2;
                return c;
            }
            return reader.read();
        }

        private int peek() throws IOException {
            if (pending == -2) {
                pending = reader.read();
            }
            return pending;
        }

        /** The next row, blank or not; null at the end of the file. */
        Sheet.Row row() throws IOException, SheetFormatException {
            int rowLine = line;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            boolean any = false;
            for (int c; (c = read()) >= 0; ) {
                any = true;
                if (quoted) {
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            cell.append('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cell.append((char) c);
                    }
                } else if (c == '"' && cell.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == separator) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    cells.add(cell.toString());
                    line++;
                    return new Sheet.Row(rowLine, List.copyOf(cells));
                } else {
                    cell.append((char) c);
                }
            }
            if (quoted) {
                throw new SheetFormatException("a quoted field opened on line " + rowLine + " is never closed");
            }
            if (!any) {
                return null;
            }
            cells.add(cell.toString());
            return new Sheet.Row(rowLine, List.copyOf(cells));
        }
    }
}
