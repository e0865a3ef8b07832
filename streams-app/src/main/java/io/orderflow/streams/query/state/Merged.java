package io.orderflow.streams.query.state;

import java.util.List;

/**
 * Items gathered from every partition of a store across all instances, each partition once;
 * {@code standbyLag} is the largest lag of a standby that had to answer for a lost active (0 when
 * every partition was answered by its active).
 */
public record Merged<T>(List<T> items, long standbyLag) {
}
