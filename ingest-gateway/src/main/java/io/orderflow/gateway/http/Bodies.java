package io.orderflow.gateway.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.orderflow.api.Problem;
import io.orderflow.api.Sha256;
import io.orderflow.gateway.api.FieldPath;
import io.orderflow.gateway.service.GatewayException;
import io.orderflow.gateway.service.RequestMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reading request bodies: the content type must be JSON, the body at most the limit (413), the JSON well formed
 * with no duplicate keys (400 naming where it broke, never echoing what was sent).
 */
public final class Bodies {

    /** Limit of a JSON body. */
    public static final int MAX_JSON_BYTES = 1024 * 1024;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Bodies() {
    }

    /** The raw body of a JSON request, checked for content type and size. */
    public static byte[] raw(Context ctx) {
        byte[] body = limited(ctx, MAX_JSON_BYTES);
        if (body.length > 0 || ctx.contentType() != null) {
            requireJson(ctx.contentType());
        }
        return body;
    }

    /** The JSON body; an empty body reads as {@code {}}. */
    public static JsonNode json(Context ctx) {
        return parse(raw(ctx));
    }

    public static JsonNode parse(byte[] raw) {
        // A UTF-8 byte-order mark, as some Windows clients send, is not part of the JSON.
        byte[] body = raw.length >= 3 && raw[0] == (byte) 0xEF && raw[1] == (byte) 0xBB && raw[2] == (byte) 0xBF
                ? Arrays.copyOfRange(raw, 3, raw.length) : raw;
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = STRICT.readTree(body);
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (StreamConstraintsException e) {
            throw invalid(FieldPath.ROOT, "JSON too deeply nested or a value too long");
        } catch (JsonParseException e) {
            String where = pathOf(e.getProcessor(), e.getOriginalMessage());
            String reason = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "appears more than once"
                    : "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw invalid(where, reason);
        } catch (JsonProcessingException e) {
            throw invalid(FieldPath.ROOT, "malformed JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Idempotency-Key header (if any) and a hash of the request that tells a retry from another request. */
    public static RequestMeta meta(Context ctx, JsonNode body) {
        String key = ctx.header("Idempotency-Key");
        if (key != null) {
            key = key.strip();
            if (key.isEmpty() || key.length() > 128 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw invalid("Idempotency-Key", "must be 1-128 visible ASCII characters");
            }
        }
        return new RequestMeta(key, hash(ctx.method().name() + " " + ctx.path() + "\n" + canonical(body)));
    }

    /** Reads at most {@code max} bytes of the body; more is a 413. */
    public static byte[] limited(Context ctx, int max) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw new ContentTooLargeResponse("the body is larger than " + max + " bytes", Map.of());
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw new ContentTooLargeResponse("the body is larger than " + max + " bytes", Map.of());
            }
            return body;
        } catch (IOException e) {
            throw invalid(FieldPath.ROOT, "the body could not be read");
        }
    }

    static void requireJson(String contentType) {
        MediaType type = MediaType.parse(contentType).orElseThrow(() -> new UnsupportedMediaTypeResponse(
                contentType == null ? "send Content-Type: application/json"
                        : "the Content-Type is not a media type; send Content-Type: application/json", Map.of()));
        if (!type.type().equals("application/json")) {
            throw new UnsupportedMediaTypeResponse("send Content-Type: application/json", Map.of());
        }
        String charset = type.parameters().get("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new UnsupportedMediaTypeResponse("JSON must be UTF-8", Map.of());
        }
    }

    private static GatewayException.Invalid invalid(String field, String reason) {
        return new GatewayException.Invalid("the body is not valid JSON", List.of(new Problem(field, reason)));
    }

    /**
     * Where the parser was, as {@code lines[0].quantity}; {@code $} at the top. A missing comma between two
     * entries is where the earlier one ends: Jackson has counted the next array entry by then, so the index is
     * taken back by one, as an object's missing comma is reported on the member before it.
     */
    private static String pathOf(Object processor, String reason) {
        if (!(processor instanceof JsonParser parser)) {
            return FieldPath.ROOT;
        }
        List<JsonStreamContext> contexts = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            contexts.add(0, c);
        }
        boolean missingComma = reason != null && reason.contains("comma to separate Array entries");
        String path = "";
        for (int i = 0; i < contexts.size(); i++) {
            JsonStreamContext c = contexts.get(i);
            if (c.inArray()) {
                int index = c.getCurrentIndex() - (missingComma && i == contexts.size() - 1 ? 1 : 0);
                path = FieldPath.element(path, Math.max(index, 0));
            } else if (c.getCurrentName() != null) {
                path = FieldPath.member(path, c.getCurrentName());
            }
        }
        return path.isEmpty() || path.length() > 200 ? FieldPath.ROOT : path;
    }

    /** A stable rendering of the body: object keys sorted, so a retry re-serialized by the client hashes alike. */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                sorted.put(e.getKey(), canonical(e.getValue()));
            }
            StringBuilder out = new StringBuilder("{");
            sorted.forEach((k, v) -> out.append(JsonNodeFactory.instance.textNode(k)).append(':').append(v).append(','));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(e -> out.append(canonical(e)).append(','));
            return out.append(']').toString();
        }
        return node.toString();
    }

    private static String hash(String text) {
        return Sha256.hex(text);
    }
}
