package io.orderflow.streams.query.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The stable order of a list (a total order: ties are broken by the row's identity) and how a
 * position in it travels between instances: the opaque text of the last row a page held, from
 * which the next page starts strictly after. This is what lets a list be read page after page
 * from every instance and merged lazily.
 */
public interface Ordering<T> {

    Comparator<T> comparator();

    /** Where {@code row} stands, as text safe in a header or a query parameter. */
    String positionOf(T row);

    /** The rows strictly after {@code position}; a position this API did not give out is a 400. */
    Predicate<T> after(String position);

    /** An order over small rows, the position being the row itself (JSON, base64url). */
    static <T> Ordering<T> ofRows(Class<T> type, Comparator<T> comparator, ObjectMapper json) {
        return byKey(type, row -> row, comparator, json);
    }

    /**
     * An order by a small key of each row ({@code keyOf}, compared by {@code comparator}), the
     * position being that key (JSON, base64url): for rows too large to travel as a position.
     */
    static <T, K> Ordering<T> byKey(Class<K> keyType, Function<T, K> keyOf, Comparator<K> comparator,
                                    ObjectMapper json) {
        Comparator<T> rows = Comparator.comparing(keyOf, comparator);
        return new Ordering<>() {
            @Override
            public Comparator<T> comparator() {
                return rows;
            }

            @Override
            public String positionOf(T row) {
                try {
                    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(keyOf.apply(row)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Predicate<T> after(String position) {
                K last;
                try {
                    last = json.readValue(Base64.getUrlDecoder().decode(position), keyType);
                } catch (IOException | IllegalArgumentException e) {
                    throw new QueryException.Invalid("position", "not a position this API gave out");
                }
                if (last == null) {
                    throw new QueryException.Invalid("position", "not a position this API gave out");
                }
                return row -> comparator.compare(keyOf.apply(row), last) > 0;
            }
        };
    }
}
