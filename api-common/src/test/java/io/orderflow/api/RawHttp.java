package io.orderflow.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests no HTTP client will send (a control character in the path or a header, a bad percent-encoding, an
 * unknown HTTP version), written as bytes on a socket; the answer read until the server closes.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** What came back: the status, the headers (names in lower case) and the body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends {@code requestLine} (e.g. {@code GET /v1/orders/%zz HTTP/1.1}) with {@code headers} (lines without the
     * line ends; Host and {@code Connection: close} are added) and no body.
     */
    public static Answer send(int port, String requestLine, String... headers) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            return parse(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + requestLine, e);
        }
    }

    private static Answer parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/") || end < 0) {
            throw new IllegalStateException("not an HTTP answer: " + raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Answer(status, headers, raw.substring(end + 4));
    }
}
