package io.orderflow.streams.query.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A list answer: its items and, for paged lists, the cursor of the next page (absent on the last). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListBody<T>(List<T> items, String nextCursor) {

    public static <T> ListBody<T> of(List<T> items) {
        return new ListBody<>(items, null);
    }
}
