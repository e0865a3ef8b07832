package io.orderflow.gateway.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.regex.Pattern;

/**
 * The field paths of the error shape: {@code customer.phone}, {@code lines[1].unitPrice}, {@value #ROOT} for the
 * whole body. A member whose name is not a plain identifier (empty, or with a dot, a bracket, a space) is written
 * in brackets as a JSON string, {@code lines[0]["a.b"]} or {@code $[""]}, so a path is never empty and always
 * names one place.
 */
public final class FieldPath {

    /** The whole body. */
    public static final String ROOT = "$";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private FieldPath() {
    }

    /** The member {@code name} of the object at {@code parent} ({@code ""} or {@value #ROOT} for the body). */
    public static String member(String parent, String name) {
        boolean root = parent.isEmpty() || parent.equals(ROOT);
        if (IDENTIFIER.matcher(name).matches()) {
            return root ? name : parent + "." + name;
        }
        return (root ? ROOT : parent) + "[\"" + new String(JsonStringEncoder.getInstance().quoteAsString(name)) + "\"]";
    }

    /** The element {@code index} of the array at {@code parent}. */
    public static String element(String parent, int index) {
        return (parent.isEmpty() ? ROOT : parent) + "[" + index + "]";
    }
}
