package io.orderflow.streams.query.state;

import java.util.List;

/**
 * One partition of a store as one instance holds it: from the active task or a standby
 * ({@code lag} offsets behind, 0 when active), with the items read from it.
 */
public record Slice<T>(int partition, boolean active, long lag, List<T> items) {
}
