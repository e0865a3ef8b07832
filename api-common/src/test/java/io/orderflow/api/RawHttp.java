package io.orderflow.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests no HTTP client will send (a control character in the path or a header, a bad percent-encoding, an
 * unknown HTTP version), written as bytes on a socket; the answer read until the server closes.
 */
public final class RawHttp {

    /** Path segments Jetty cannot read or a route must refuse: bad percent-encodings, control characters, ... */
    public static final List<String> SEGMENTS = List.of("%00", "a%00b", "%zz", "%", "a%2", "%C0%AF", "%FF", "\u0001",
            "a\u007fb", "a\\b", "a\"b", "%2e%2e", "a%2Fb", "%0d%0aX-Injected:%201", "a%09b", "x".repeat(9_000), "a b",
            "%E2%9C%88", "..", "a;b=c");
    /** Header lines Jetty cannot read: control characters, no header at all, too long, unknown codings. */
    public static final List<String> HEADERS = List.of("X-Note: a\u0001b", "X-Note: a\u0000b", "X-Note: a\u007fb",
            "Bad Header: x", "NoColon", "X-Long: " + "a".repeat(20_000), "Transfer-Encoding: gzip2",
            "Content-Length: -1", "Content-Length: 1x", "Host: a b", "X-Note: \u00ff\u00fe");
    /** HTTP versions Jetty does not speak. */
    public static final List<String> VERSIONS = List.of("HTTP/9.9", "HTTP/1.1x", "HTTP/2.0", "FTP/1.0", "HTTP/1");
    /** Query strings that cannot be decoded. */
    public static final List<String> QUERIES = List.of("?a=%zz", "?%00=1", "?a=%C0%AF", "?a=\u0001", "?a=%", "?=&&=");

    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]+}");

    private RawHttp() {
    }

    /** A request of the route {@code method template} ({@code /v1/orders/{id}}) with one hostile part. */
    public record Hostile(String requestLine, List<String> headers) {

        public Answer send(int port, String... more) {
            List<String> all = new ArrayList<>(headers);
            all.addAll(List.of(more));
            return RawHttp.send(port, requestLine, all.toArray(String[]::new));
        }

        @Override
        public String toString() {
            String shown = requestLine + " " + headers;
            return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
        }
    }

    /**
     * One generated hostile request of the route {@code method template}: one path parameter (or, without any,
     * the last segment) replaced by one of {@link #SEGMENTS}, or one of {@link #HEADERS} added, or an HTTP version
     * of {@link #VERSIONS}, or one of {@link #QUERIES}. Path parameters otherwise read {@code x1}.
     */
    public static Hostile hostile(String method, String template, Random random) {
        String path = template;
        List<String> headers = new ArrayList<>();
        String version = "HTTP/1.1";
        switch (random.nextInt(4)) {
            case 0 -> {
                Matcher parameters = PARAMETER.matcher(template);
                List<int[]> found = new ArrayList<>();
                while (parameters.find()) {
                    found.add(new int[] {parameters.start(), parameters.end()});
                }
                String segment = SEGMENTS.get(random.nextInt(SEGMENTS.size()));
                if (found.isEmpty()) {
                    path = template.substring(0, template.lastIndexOf('/') + 1) + segment;
                } else {
                    int[] at = found.get(random.nextInt(found.size()));
                    path = template.substring(0, at[0]) + segment + template.substring(at[1]);
                }
            }
            case 1 -> headers.add(HEADERS.get(random.nextInt(HEADERS.size())));
            case 2 -> version = VERSIONS.get(random.nextInt(VERSIONS.size()));
            default -> path = template + QUERIES.get(random.nextInt(QUERIES.size()));
        }
        return new Hostile(method + " " + PARAMETER.matcher(path).replaceAll("x1") + " " + version, headers);
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
