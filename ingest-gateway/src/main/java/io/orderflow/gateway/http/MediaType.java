package io.orderflow.gateway.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Type} as RFC 9110 writes it: {@code type/subtype} and {@code ;name=value} parameters (a value
 * a token or a quoted string, empty parameters allowed). Whatever else a client sends ({@code ;}, {@code /json},
 * a stray quote) does not parse, so a route answers it as an unsupported media type rather than failing on it.
 *
 * @param type       {@code type/subtype}, lower case
 * @param parameters names lower case, values unquoted
 */
record MediaType(String type, Map<String, String> parameters) {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern TYPE = Pattern.compile("[ \\t]*(" + TOKEN + "/" + TOKEN + ")[ \\t]*");
    private static final Pattern PARAMETER = Pattern.compile(
            ";[ \\t]*(?:(" + TOKEN + ")[ \\t]*=[ \\t]*(" + TOKEN + "|\"(?:[^\"\\\\]|\\\\.)*\")[ \\t]*)?");

    /** The media type of a header value; empty when there is none or it does not parse. */
    static Optional<MediaType> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher type = TYPE.matcher(header);
        if (!type.lookingAt()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher parameter = PARAMETER.matcher(header);
        for (int at = type.end(); at < header.length(); at = parameter.end()) {
            if (!parameter.region(at, header.length()).lookingAt()) {
                return Optional.empty();
            }
            if (parameter.group(1) != null) {
                parameters.put(parameter.group(1).toLowerCase(Locale.ROOT), unquote(parameter.group(2)));
            }
        }
        return Optional.of(new MediaType(type.group(1).toLowerCase(Locale.ROOT), Map.copyOf(parameters)));
    }

    private static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value;
        }
        return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
    }
}
