package io.orderflow.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers in the one {@link ErrorResponse} shape, instead of its HTML page: what Jetty refuses
 * before a request reaches the app's routes (a bad percent-encoding or a control character in the path, a
 * control character in a header, a header line that is none, an unknown HTTP version, a request line or headers
 * too long). Everything a client can send this way is its own mistake, so it is a 4xx: Jetty's 501 (a transfer
 * coding it does not know) and 505 (an HTTP version it does not speak) become 400. Set on the server (errors
 * while parsing) and on the servlet context (errors inside it) by {@link #install}.
 */
public final class JettyErrors extends ErrorHandler {

    /** The path Jetty gives a request whose request line it could not read. */
    static final String UNREAD = "/badMessage";

    private final ObjectMapper json;

    private JettyErrors(ObjectMapper json) {
        this.json = json;
    }

    /** Makes {@code config}'s Jetty answer its own errors as JSON written by {@code json}. */
    public static void install(JavalinConfig config, ObjectMapper json) {
        JettyErrors errors = new JettyErrors(json);
        config.jetty.modifyServer(server -> server.setErrorHandler(errors));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
    }

    /** A body for every method, not only GET, POST and HEAD: a client of any method reads the same shape. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        int status = clientStatus(code);
        if (status != code) {
            response.setStatus(status);
        }
        String reason = cause instanceof HttpException && message != null ? message : HttpStatus.getMessage(code);
        ErrorResponse body = status >= 500
                ? new ErrorResponse(status, HttpStatus.getMessage(status), "the server could not answer", List.of())
                : new ErrorResponse(status, HttpStatus.getMessage(status), "the request could not be read",
                        List.of(new Problem(where(request, code, reason), reason)));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json.writeValueAsBytes(body)), callback);
    }

    /**
     * Which part of the request Jetty could not read: {@code request line} (an unknown method or version),
     * {@code path} (its target: a bad percent-encoding, a control or illegal character, too long) or
     * {@code headers}. A request line Jetty could not read at all leaves the placeholder path {@value #UNREAD}.
     */
    static String where(Request request, int code, String reason) {
        if (code == HttpStatus.URI_TOO_LONG_414) {
            return "path";
        }
        if (code == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
            return "headers";
        }
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("version") || lower.contains("method")) {
            return "request line";
        }
        if (UNREAD.equals(request.getHttpURI().getPath())) {
            return "path";
        }
        // Once the request line is read, an illegal character is one of a header.
        boolean header = lower.startsWith("illegal character") || lower.contains("header")
                || lower.contains("transfer-encoding") || lower.contains("content-length") || lower.contains("host");
        return header ? "headers" : "path";
    }

    /** Jetty's statuses for what a client sent that are 5xx, as the 400 they are. */
    static int clientStatus(int code) {
        return code == HttpStatus.NOT_IMPLEMENTED_501 || code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505
                ? HttpStatus.BAD_REQUEST_400 : code;
    }
}
