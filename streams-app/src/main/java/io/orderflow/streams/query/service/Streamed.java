package io.orderflow.streams.query.service;

import io.orderflow.streams.query.state.Slice;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A list read lazily from every partition of a store: a k-way merge of sorted pages, one run per
 * partition (from the instance chosen for it), each run asking its instance for the next page
 * only when the rows it has are used up. Rows held at any time: at most one page per partition.
 * A list whose rows are parts kept in several partitions is {@link #summed} first.
 */
public final class Streamed<T> implements Iterator<T> {

    /** Fetches the page of {@code partition} after {@code position} (blocking, bounded); throws when nobody answers. */
    @FunctionalInterface
    interface Pager<T> {
        Slice<T> next(int partition, String position);
    }

    private final PriorityQueue<Run<T>> runs;
    private final Ordering<T> ordering;
    private final int pageSize;
    private final Pager<T> pager;
    private final long standbyLag;
    private int pagesFetched;
    private int mostHeld;
    private java.util.function.UnaryOperator<T> finish = java.util.function.UnaryOperator.identity();
    /** The whole list, read on first use: for a summed list, whose first row is known only at the end of its parts. */
    private Supplier<List<T>> whole;

    Streamed(List<Slice<T>> firstPages, Ordering<T> ordering, int pageSize, Pager<T> pager, long standbyLag) {
        Comparator<Run<T>> byHead = Comparator.comparing(run -> run.rows.peekFirst(), ordering.comparator());
        this.runs = new PriorityQueue<>(Math.max(1, firstPages.size()), byHead);
        this.ordering = ordering;
        this.pageSize = pageSize;
        this.pager = pager;
        this.standbyLag = standbyLag;
        for (Slice<T> first : firstPages) {
            pagesFetched++;
            Run<T> run = new Run<>(first.partition(), new ArrayDeque<>(first.items()), first.items().size() >= pageSize);
            if (!run.rows.isEmpty()) {
                runs.add(run);
            }
        }
        mostHeld = held();
    }

    /**
     * This list's rows of equal {@code identity} added up into one row ({@code plus}), which
     * {@code finish} then turns into the row handed out (working out what follows from the sums: an
     * average, a rate, a class), in {@code order}. For stores that keep a part of a key's figures in
     * each partition: no row can be placed before every part of every row is read, so the first use
     * reads this whole list, page after page as before, and holds the summed rows.
     */
    public <K, R> Streamed<R> summed(Function<T, K> identity, BinaryOperator<T> plus, Function<T, R> finish,
                                     Ordering<R> order) {
        Streamed<R> sums = new Streamed<>(List.of(), order, pageSize, (partition, position) -> {
            throw new IllegalStateException("a summed list is read whole");
        }, standbyLag);
        sums.whole = () -> {
            Map<K, T> parts = new LinkedHashMap<>();
            forEachRemaining(row -> parts.merge(identity.apply(row), row, plus));
            List<R> rows = new ArrayList<>(parts.size());
            parts.values().forEach(sum -> rows.add(finish.apply(sum)));
            rows.sort(order.comparator());
            sums.pagesFetched = pagesFetched;
            sums.mostHeld = mostHeld + rows.size();
            return rows;
        };
        return sums;
    }

    /** Applies {@code finish} to every row as it is handed out. */
    public Streamed<T> finishing(java.util.function.UnaryOperator<T> finish) {
        this.finish = finish;
        return this;
    }

    /** The largest lag of a standby that answered for a partition whose active was gone (0 when none). */
    public long standbyLag() {
        return standbyLag;
    }

    /** Pages asked for so far, first pages included. */
    public int pagesFetched() {
        return pagesFetched;
    }

    /** The most rows this merge has held at once. */
    public int mostHeld() {
        return mostHeld;
    }

    @Override
    public boolean hasNext() {
        readWhole();
        return !runs.isEmpty();
    }

    @Override
    public T next() {
        readWhole();
        Run<T> run = runs.poll();
        if (run == null) {
            throw new NoSuchElementException();
        }
        T row = run.rows.pollFirst();
        if (run.rows.isEmpty() && run.more) {
            Slice<T> page = pager.next(run.partition, ordering.positionOf(row));
            pagesFetched++;
            run.rows.addAll(page.items());
            run.more = page.items().size() >= pageSize;
            mostHeld = Math.max(mostHeld, held() + run.rows.size());
        }
        if (!run.rows.isEmpty()) {
            runs.add(run);
        }
        return finish.apply(row);
    }

    private void readWhole() {
        if (whole != null) {
            Supplier<List<T>> read = whole;
            whole = null;
            List<T> rows = read.get();
            if (!rows.isEmpty()) {
                runs.add(new Run<>(-1, new ArrayDeque<>(rows), false));
            }
        }
    }

    private int held() {
        return runs.stream().mapToInt(r -> r.rows.size()).sum();
    }

    private static final class Run<T> {
        final int partition;
        final Deque<T> rows;
        boolean more;

        Run(int partition, Deque<T> rows, boolean more) {
            this.partition = partition;
            this.rows = rows;
            this.more = more;
        }
    }
}
