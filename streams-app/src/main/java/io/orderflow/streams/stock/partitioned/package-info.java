/**
 * Stock partitioned by SKU: the per-SKU state machine {@link io.orderflow.streams.stock.partitioned.SkuStock}
 * and the order's side of the protocol, {@link io.orderflow.streams.stock.partitioned.OrderStock}. Both are
 * pure: state and one message in, next state and messages out, no Kafka Streams types, so that each can be
 * wrapped in a processor whose store keeps its state ({@link io.orderflow.streams.stock.partitioned.SkuState}
 * per SKU in the task owning the SKU, {@link io.orderflow.streams.stock.partitioned.OrderStockState} beside
 * the order in the order's task).
 *
 * <h2>The protocol</h2>
 *
 * An approval starts the order's first <em>attempt</em>. The order's lines are merged per SKU and sorted by
 * SKU, and the attempt visits them in that order as a chain:
 * <ul>
 *   <li>{@code Hold(order, attempt, priority, lines, index)} reaches the SKU of line {@code index}. If the
 *       SKU's free stock covers the line, it holds it and passes the hold to the next line's SKU; the last
 *       SKU reserves its line at once, sends {@code Confirm(order, attempt)} to the SKUs before it (their
 *       holds become reservations) and {@code Reserved(order, attempt)} to the order.</li>
 *   <li>If the SKU is short, the order joins its line of waiting orders; the SKU sends
 *       {@code Release(order, attempt)} to the SKUs before it and the chain goes on as
 *       {@code Probe(order, attempt, ..., shortfall)}: each further SKU holds nothing, joins the order to its
 *       own line if short there too, and adds to the shortfall. The last SKU answers
 *       {@code Short(order, attempt, shortfall)}. The order reports "short" (AWAITING_STOCK) once per
 *       approval and waits.</li>
 *   <li>Whenever a SKU's free stock grows (receipt, positive adjustment, return, release, drop), it walks its
 *       line first come first (by priority, the approval's position) and sets aside the quantity of every
 *       waiting order it can serve, counted as held, sending {@code Wake(order, sku, afterAttempt)}. The
 *       woken order starts its next attempt (at once, or when its attempt in flight comes back short). That
 *       attempt's hold takes what was set aside; if the attempt fails before reaching the SKU, its probe
 *       lets it go and the SKU wakes the next in line.</li>
 *   <li>When the approval ends (cancellation, amendment, closing short), the order sends
 *       {@code Drop(order, attempt)} to each of its SKUs: held, reserved and waiting go, and messages of
 *       attempts up to that one are stale from then on.</li>
 *   <li>{@code Ship} (from the reservation), {@code Restock} (returns), {@code Receipt} and
 *       {@code Adjustment} (from {@code stock-movements}) go straight to the SKU.</li>
 * </ul>
 *
 * <p><b>Cost.</b> The common case, every line available, sends for an order of <i>n</i> SKUs
 * <i>n</i> holds (one from the order, <i>n</i>&minus;1 from SKU to SKU), <i>n</i>&minus;1 confirms and one
 * {@code Reserved}: 2<i>n</i> messages, two for a one-line order (hold and answer, as the single ledger's
 * request and result). The chain costs latency, <i>n</i> hops, not messages. A short attempt costs
 * <i>n</i> holds or probes, up to <i>n</i>&minus;1 releases and one answer; each wake costs one message and
 * a new attempt.
 *
 * <h2>What {@code GET /v1/stock/{sku}} can show</h2>
 *
 * {@code onHand}; {@code reserved} (sum of confirmed reservations); {@code held}: units held for attempts in
 * flight and set aside for woken orders; {@code available = onHand - reserved}, the figure shortages,
 * purchase requests and LOW_STOCK are measured against; and what a new order can have now,
 * {@code available - held}. {@code held} is transient: it is zero whenever the system is quiet, and a
 * reader in flight sees units move from available to held to reserved, never counted twice.
 *
 * <h2>How the guarantees hold</h2>
 *
 * <ul>
 *   <li><b>Never negative.</b> A SKU grants a hold only from free stock (on hand less reserved less held),
 *       refuses an adjustment that would take on hand below reserved plus held, ships from the order's
 *       reservation (beyond it only from free stock, else refuses). So {@code onHand >= reserved + held >= 0} after every message.</li>
 *   <li><b>Conserved.</b> Only receipts, adjustments, shipments and returns change on hand, each counted;
 *       {@code reserved} changes only with an order's reservation, so it is their sum; holds and
 *       set-asides are counted in {@code held}, against availability.</li>
 *   <li><b>All or none.</b> The last SKU reserves only when every earlier SKU holds its line for the same
 *       attempt, and no release can follow for that attempt: it is confirmed everywhere. An order reported
 *       reserved has every line reserved or held and confirmed on the way. A short attempt releases every
 *       hold it took, so when quiet no order keeps part of its lines.</li>
 *   <li><b>No livelock.</b> Every attempt takes its SKUs in the one global SKU order and never waits while
 *       holding: two attempts cannot each hold what the other needs, as in ordered lock acquisition.</li>
 *   <li><b>FIFO.</b> Freed stock goes to the waiting orders first come first, each set aside before any
 *       later hold can take it; a waiting order that does not fit is passed over, and one short of another
 *       SKU lets what it was offered go to the next: it does not block later orders (as the single ledger).
 *       After every message no free stock lies unoffered while a waiting order fits it, so when quiet every
 *       waiting order is really short of one of its SKUs.</li>
 *   <li><b>No false shortage.</b> A purchase request is raised for a waiting order only when the order's
 *       quantity exceeds {@code available} (held stock aside), once per order, SKU and approval. An order
 *       short only because another attempt holds the stock is not; if that attempt confirms, the shortage
 *       has become real and the request goes out then.</li>
 *   <li><b>Exactly once.</b> Kafka Streams' exactly-once commits each message's state change with its
 *       outputs. Beyond that every message is idempotent: a SKU keeps per order the newest attempt it saw,
 *       the attempts dropped, the attempt of its hold and reservation, shipment and return ids; movements by
 *       id (the last {@value io.orderflow.streams.stock.partitioned.SkuState#REMEMBERED_MOVEMENT_IDS} per
 *       SKU, as the single ledger); the order acts only on answers of its current attempt. A duplicate or a
 *       replay changes nothing and sends nothing.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 *
 * <ul>
 *   <li>An order's priority must be comparable across partitions: the approval's time with the order id as
 *       tie-break, not a log offset.</li>
 *   <li>A SKU keeps a mark per order it has seen, to know stale and repeated messages; a deployment must
 *       forget marks of orders long closed or shipped (a replay older than that retention would be applied
 *       again).</li>
 *   <li>An older order woken by a SKU whose retry finds another attempt's hold in flight at an earlier SKU
 *       lets the offered stock go to the next in line; it is woken again when that hold goes back. Strict
 *       FIFO across SKUs would need it to keep the offer while waiting on a hold, which the single ledger
 *       never had to decide.</li>
 * </ul>
 */
package io.orderflow.streams.stock.partitioned;
