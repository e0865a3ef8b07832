package io.orderflow.streams.query.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which items of a store scan to keep: those of {@code partitions} (all when empty) that come
 * strictly {@code after} a position, the first {@code size} of them in {@code order}. A bounded
 * page keeps at most {@code size} items per partition while it scans, whatever the partition
 * holds, so an instance answering page after page never holds a whole partition.
 */
public record Page<T>(Set<Integer> partitions, Predicate<T> after, Comparator<T> order, int size) {

    /** Every item of every partition, in the order the store gives them. */
    public static <T> Page<T> whole() {
        return new Page<>(Set.of(), item -> true, null, Integer.MAX_VALUE);
    }

    public boolean includes(int partition) {
        return partitions.isEmpty() || partitions.contains(partition);
    }

    /** Collects the items of one partition as this page keeps them. */
    public Kept<T> keeper() {
        return new Kept<>(this);
    }

    /** This page of an already gathered list (for slices that are summed or joined before paging). */
    public List<T> of(List<T> items) {
        Kept<T> kept = keeper();
        items.forEach(kept::offer);
        return kept.items();
    }

    /** The items of one partition so far: a bounded heap when the page is ordered and bounded. */
    public static final class Kept<T> {

        private final Page<T> page;
        private final List<T> all = new ArrayList<>();
        private final PriorityQueue<T> best;

        private Kept(Page<T> page) {
            this.page = page;
            this.best = page.order == null || page.size == Integer.MAX_VALUE ? null
                    : new PriorityQueue<>(Math.min(page.size, 1024) + 1, page.order.reversed());
        }

        public void offer(T item) {
            if (item == null || !page.after.test(item)) {
                return;
            }
            if (best == null) {
                all.add(item);
                return;
            }
            best.add(item);
            if (best.size() > page.size) {
                best.poll();
            }
        }

        /** The kept items, in the page's order. */
        public List<T> items() {
            List<T> items = best == null ? all : new ArrayList<>(best);
            if (page.order != null) {
                items.sort(page.order);
            }
            return items.size() > page.size ? List.copyOf(items.subList(0, page.size)) : items;
        }
    }
}
