package io.orderflow.streams.query.service;

import io.orderflow.streams.query.view.Views.OrderView;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

/**
 * The stable order of order lists (newest first: created-at descending, then order id
 * descending; both never change for an order) and the cursor of its pages. A cursor is the sort
 * key of the last order of a page, opaque (base64url): the next page starts strictly after it, so
 * a page never repeats or skips an order that existed when the previous page was read. The same
 * cursor is the position instances page through their partitions with.
 */
public final class Paging {

    public static final Comparator<OrderView> NEWEST_FIRST = Comparator
            .comparing((OrderView o) -> o.createdAt().toEpochMilli()).reversed()
            .thenComparing(OrderView::orderId, Comparator.reverseOrder());

    /** The list's order as instances page through it; a position is a cursor. */
    public static final Ordering<OrderView> ORDERS = new Ordering<>() {
        @Override
        public Comparator<OrderView> comparator() {
            return NEWEST_FIRST;
        }

        @Override
        public String positionOf(OrderView row) {
            return Key.of(row).encode();
        }

        @Override
        public java.util.function.Predicate<OrderView> after(String position) {
            Key key = Key.decode(position);
            return order -> key.compareTo(order) < 0;
        }
    };

    private Paging() {
    }

    /** Where a page ended: created-at millis and order id of its last order. */
    record Key(long createdAt, String orderId) {

        static Key of(OrderView order) {
            return new Key(order.createdAt().toEpochMilli(), order.orderId());
        }

        /** Positive when {@code order} comes before this key in the list's order, zero when it is this key. */
        int compareTo(OrderView order) {
            int byTime = Long.compare(order.createdAt().toEpochMilli(), createdAt);
            return byTime != 0 ? byTime : order.orderId().compareTo(orderId);
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + orderId).getBytes(StandardCharsets.UTF_8));
        }

        static Key decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                return new Key(Long.parseLong(text.substring(0, bar)), text.substring(bar + 1));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new QueryException.Invalid("cursor", "not a cursor this API gave out");
            }
        }
    }
}
