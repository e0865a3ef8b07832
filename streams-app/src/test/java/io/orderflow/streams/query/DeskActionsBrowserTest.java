package io.orderflow.streams.query;

import static io.orderflow.api.browser.DeskPage.ORDER;
import static io.orderflow.api.browser.DeskPage.PAGE;
import static io.orderflow.api.browser.DeskPage.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.testtools.JavalinTest;
import io.orderflow.api.browser.DeskPage;
import io.orderflow.api.browser.HeadlessChromium;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.Customer;
import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.Role;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.streams.analytics.OrderFixtures;
import io.orderflow.streams.query.live.Change;
import io.orderflow.streams.query.service.HttpGateway;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The order desk's actions in a real headless Chromium: an order entered by sales, a cancellation refused by the
 * streams app shown on it, the order approved by a reviewer and shipped by the warehouse, then paid, each through the
 * page alone, signed in with each role's key in turn. The commands go
 * through the query API's relay to a stand-in for the gateway, which checks the entry form as the gateway does
 * (a field error is answered with its path) and applies each command to the stubbed state as the pipeline would:
 * the state, the committed offset of the write's consistency token and the live stream.
 */
@Timeout(180)
class DeskActionsBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ORDERS = "orders-store";
    private static final Instant NOW = TestCluster.NOW;

    private final TestCluster cluster = new TestCluster();
    private final Map<String, OrderState> orders = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> offsets = new ConcurrentHashMap<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private Javalin gateway;

    @BeforeEach
    void startGateway() {
        cluster.progress.stages("order-commands", ORDERS, List.of(Set.of("order-commands")));
        cluster.progress.stages("stock-movements", "stock-levels-store", List.of(Set.of("stock-movements")));
        gateway = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/v1/orders", this::place);
            config.routes.post("/v1/orders/{id}/{action}", this::act);
            config.routes.post("/v1/stock/{sku}/receipts", this::receive);
            config.routes.put("/v1/orders/{id}", this::amend);
        }).start(0);
        cluster.gateway = new HttpGateway(URI.create("http://localhost:" + gateway.port()), Duration.ofSeconds(1),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        gateway.stop();
        cluster.close();
    }

    // ---- the stand-in gateway and pipeline ---------------------------------------------------------------------

    private static Actor caller(Context ctx) {
        String key = ctx.header("Authorization").substring("Bearer ".length());
        return new Actor(key, Role.valueOf(key.substring("demo-".length()).toUpperCase(Locale.ROOT)));
    }

    private void place(Context ctx) throws Exception {
        JsonNode body = TestCluster.JSON.readTree(ctx.body());
        commands.add("place by " + caller(ctx).getId());
        List<Map<String, String>> problems = new ArrayList<>();
        if (body.path("customer").path("name").asText("").isBlank()) {
            problems.add(Map.of("field", "customer.name", "reason", "required"));
        }
        List<OrderLineState> lines = new ArrayList<>();
        for (int i = 0; i < body.path("lines").size(); i++) {
            JsonNode line = body.path("lines").get(i);
            if (!line.path("quantity").canConvertToInt() || line.path("quantity").asInt() < 1) {
                problems.add(Map.of("field", "lines[" + i + "].quantity", "reason", "a whole number of at least 1"));
                continue;
            }
            OrderLineState state = OrderFixtures.line(line.path("sku").asText(), line.path("quantity").asInt(),
                    line.path("unitPrice").asText());
            if (!line.has("amount") || new BigDecimal(line.path("amount").asText()).compareTo(state.getLine().getAmount()) != 0) {
                problems.add(Map.of("field", "lines[" + i + "].amount", "reason", "quantity × unit price"));
            }
            lines.add(state);
        }
        if (!problems.isEmpty()) {
            ctx.status(400).json(Map.of("status", 400, "message", "the request is invalid", "problems", problems));
            return;
        }
        String id = body.path("orderId").asText("").isBlank() ? "20261122-000042" : body.path("orderId").asText();
        JsonNode customer = body.path("customer");
        OrderState order = OrderFixtures.order(id, OrderStatus.PENDING_REVIEW, NOW, Channel.valueOf(body.path("channel").asText()),
                        customer.path("id").asText(), lines)
                .setCustomer(Customer.newBuilder().setId(customer.path("id").asText()).setName(customer.path("name").asText())
                        .setContactName(customer.path("contactName").asText(null)).setPhone(customer.path("phone").asText(null))
                        .setAddress(customer.path("address").asText(null)).build())
                .setCreatedBy(caller(ctx)).setOwner(caller(ctx).getId()).build();
        order.setHistory(new ArrayList<>(List.of(history(caller(ctx), "PlaceOrder", null, OrderStatus.PENDING_REVIEW, null))));
        accept(ctx, null, order);
    }

    private void act(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        String action = ctx.pathParam("action");
        JsonNode body = TestCluster.JSON.readTree(ctx.body());
        Actor actor = caller(ctx);
        commands.add(action + " " + id + " by " + actor.getId());
        OrderState before = orders.get(id);
        OrderState after = OrderState.newBuilder(before).build();
        if (action.equals("cancel")) {
            // the gateway takes it; the streams app refuses it, as it does a second request of a cancellation
            refuse(ctx, before, actor, "RequestCancellation", "CANCELLATION_ALREADY_REQUESTED",
                    "a cancellation of this order is already waiting for approval");
            return;
        }
        switch (action) {
            case "approve" -> {
                after.setStatus(OrderStatus.APPROVED);
                after.setReviewer(actor);
                after.setReviewedAt(NOW);
                after.getHistory().add(history(actor, "ApproveOrder", before.getStatus(), OrderStatus.APPROVED, null));
            }
            case "ship" -> {
                List<ShipmentLine> shipped = new ArrayList<>();
                body.path("lines").forEach(l -> shipped.add(new ShipmentLine(l.path("sku").asText(), l.path("quantity").asInt())));
                after.getLines().forEach(l -> shipped.stream().filter(s -> s.getSku().equals(l.getLine().getSku()))
                        .forEach(s -> l.setShippedQuantity(l.getShippedQuantity() + s.getQuantity())));
                after.setShipments(new ArrayList<>(List.of(Shipment.newBuilder().setShipmentId(id + "-S1")
                        .setCarrier(body.path("carrier").asText()).setTrackingNumber(body.path("trackingNumber").asText())
                        .setLines(shipped).setShippedAt(NOW).build())));
                after.setStatus(OrderStatus.SHIPPED);
                after.getHistory().add(history(actor, "ShipOrder", before.getStatus(), OrderStatus.SHIPPED, null));
            }
            case "pay" -> {
                BigDecimal paid = before.getPaidAmount().add(new BigDecimal(body.path("amount").asText()));
                after.setPaidAmount(paid);
                after.setPaymentStatus(paid.compareTo(before.getTotalAmount()) >= 0 ? PaymentStatus.PAID : PaymentStatus.PARTIALLY_PAID);
                after.getHistory().add(history(actor, "RecordPayment", before.getStatus(), before.getStatus(),
                        body.path("reference").asText(null)));
            }
            default -> throw new IllegalStateException("the stand-in gateway takes no " + action);
        }
        after.setVersion(before.getVersion() + 1);
        accept(ctx, before, after);
    }

    private static HistoryEntry history(Actor actor, String action, OrderStatus from, OrderStatus to, String reason) {
        return HistoryEntry.newBuilder().setAt(NOW).setActor(actor).setAction(action).setFromStatus(from).setToStatus(to)
                .setReason(reason).setCommandId("c-" + action).build();
    }

    /** As the pipeline would: the new state stored, the write's offset committed, the change on the live stream. */
    private void accept(Context ctx, OrderState before, OrderState after) {
        String id = after.getOrderId();
        int partition = InMemoryState.partitionOf(ORDERS, id);
        long offset = offsets.computeIfAbsent(partition, p -> new AtomicLong()).getAndIncrement();
        orders.put(id, after);
        cluster.state.put(ORDERS, id, after);
        cluster.progress.committed.put(new TopicPartition("order-commands", partition), offset + 1);
        HistoryEntry last = after.getHistory().get(after.getHistory().size() - 1);
        cluster.feed.publish(new Change.OrderChanged(OrderEvent.newBuilder().setEventId("e-" + id + "-" + offset)
                .setOrderId(id).setCommandId(last.getCommandId()).setAction(last.getAction()).setActor(last.getActor())
                .setAt(NOW).setFromStatus(before == null ? null : before.getStatus()).setToStatus(after.getStatus())
                .setReason(last.getReason()).setOrder(after).build()));
        String token = "order-commands:" + partition + ":" + offset;
        ctx.status(202).header("X-Orderflow-Consistency", token)
                .json(Map.of("status", "ACCEPTED", "orderId", id, "consistencyToken", token));
    }

    /** An amendment: the order's lines replaced, back to review (the stand-in checks nothing else). */
    private void amend(Context ctx) throws Exception {
        JsonNode body = TestCluster.JSON.readTree(ctx.body());
        String id = ctx.pathParam("id");
        commands.add("amend " + id + " by " + caller(ctx).getId());
        OrderState before = orders.get(id);
        List<OrderLineState> lines = new ArrayList<>();
        body.path("lines").forEach(l -> lines.add(OrderFixtures.line(l.path("sku").asText(), l.path("quantity").asInt(),
                l.path("unitPrice").asText())));
        OrderState after = OrderState.newBuilder(before).setLines(lines)
                .setTotalAmount(lines.stream().map(l -> l.getLine().getAmount()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .setStatus(OrderStatus.PENDING_REVIEW).setVersion(before.getVersion() + 1).build();
        after.getHistory().add(history(caller(ctx), "AmendOrder", before.getStatus(), OrderStatus.PENDING_REVIEW, null));
        accept(ctx, before, after);
    }

    /** A stock receipt, as the stock ledger would apply it: the level stored, the write's offset committed. */
    private void receive(Context ctx) throws Exception {
        JsonNode body = TestCluster.JSON.readTree(ctx.body());
        String sku = ctx.pathParam("sku");
        commands.add("receive " + body.path("quantity").asInt() + " " + sku + " by " + caller(ctx).getId());
        long offset = stockOffset.getAndIncrement();
        cluster.state.put("stock-levels-store", sku, io.orderflow.avro.StockLevel.newBuilder().setSku(sku)
                .setOnHand(body.path("quantity").asInt()).setReserved(0).setUpdatedAt(NOW).build());
        cluster.progress.committed.put(new TopicPartition("stock-movements", 0), offset + 1);
        ctx.status(202).json(Map.of("status", "ACCEPTED", "sku", sku, "consistencyToken", "stock-movements:0:" + offset));
    }

    private final AtomicLong stockOffset = new AtomicLong();

    /**
     * As the streams app would refuse a command: the order unchanged, the refusal published and kept with the order,
     * the write processed.
     */
    private void refuse(Context ctx, OrderState order, Actor actor, String command, String code, String reason) {
        String id = order.getOrderId();
        int partition = InMemoryState.partitionOf(ORDERS, id);
        long offset = offsets.computeIfAbsent(partition, p -> new AtomicLong()).getAndIncrement();
        io.orderflow.avro.Refusal refusal = io.orderflow.avro.Refusal.newBuilder().setCommandId("c-" + offset)
                .setOrderId(id).setCommand(command).setActor(actor).setAt(NOW).setCode(code).setReason(reason)
                .setStatus(order.getStatus()).build();
        cluster.state.put("order-refusals-store", id, new io.orderflow.avro.OrderRefusals(List.of(refusal)));
        cluster.progress.committed.put(new TopicPartition("order-commands", partition), offset + 1);
        cluster.feed.publish(new Change.CommandRefused(refusal));
        String token = "order-commands:" + partition + ":" + offset;
        ctx.status(202).header("X-Orderflow-Consistency", token)
                .json(Map.of("status", "ACCEPTED", "orderId", id, "consistencyToken", token));
    }

    // ---- the page ---------------------------------------------------------------------------------------------

    @Test
    void shouldTakeAPhoneOrderThroughEntryApprovalShippingAndPaymentOnThePageAlone() {
        // An order a reviewer entered (an import, say): the four-eyes rule keeps its approval from them.
        OrderState own = OrderFixtures.order("OWN-1", OrderStatus.PENDING_REVIEW, NOW.minusSeconds(3600), Channel.PHONE, "C-1",
                List.of(OrderFixtures.line("SKU-1", 1, "12.50"))).setCreatedBy(new Actor("demo-reviewer", Role.REVIEWER))
                .build();
        cluster.state.putGlobal("SKU-1", io.orderflow.avro.Product.newBuilder().setSku("SKU-1").setName("绿茶")
                .setCategory("tea").setUnitPrice(new BigDecimal("12.50")).setReorderPoint(5)
                .setUpdatedBy(new Actor("wang", Role.WAREHOUSE)).setUpdatedAt(NOW).build());
        orders.put("OWN-1", own);
        cluster.state.put(ORDERS, "OWN-1", own);
        cluster.state.owners.put(1, cluster.peer);
        Optional<HeadlessChromium> launched = HeadlessChromium.launch(1400, 1000,
                Path.of("target", "desk-actions-chromium.log"), "zh-CN");
        if (launched.isEmpty()) {
            return;
        }
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            try (HeadlessChromium browser = launched.get()) {
                DeskPage desk = new DeskPage(browser, WAIT);
                String origin = "http://localhost:" + server.port();
                browser.navigate(origin + "/?key=demo-sales");
                JsonNode page = desk.await("the desk signed in as sales",
                        p -> p.path("loaded").asBoolean() && p.path("role").asText().equals("sales"));
                assertThat(page.get("newOrder").asBoolean()).isTrue();

                // Sales enters a phone order; the amount is worked out as the lines are typed.
                browser.evaluate("document.getElementById('new-order').click()");
                browser.await("the entry form with the catalog", "!!document.querySelector('#entry-form #catalog option')",
                        JsonNode::asBoolean, WAIT);
                desk.set("#entry-form", "customer.id", "C-88");
                desk.set("#entry-form", "customer.phone", "13912345678");
                desk.set("#entry-form", "customer.address", "深圳市福田区");
                desk.set("#entry-form", "lines[0].sku", "SKU-1");
                desk.set("#entry-form", "lines[0].quantity", "3");
                JsonNode price = browser.evaluate("(() => { const p = document.querySelector('#entry-form')"
                        + ".elements['lines[0].unitPrice']; return { value: p.value, readOnly: p.readOnly,"
                        + " name: document.querySelector('#entry-form [data-name]').textContent,"
                        + " offered: [...document.querySelectorAll('#catalog option')].map(o => o.value) }; })()");
                assertThat(price.get("value").asText()).as("the catalog's price").isEqualTo("12.50");
                assertThat(price.get("readOnly").asBoolean()).isTrue();
                assertThat(price.get("name").asText()).isEqualTo("绿茶");
                assertThat(texts(price.get("offered"))).containsExactly("SKU-1");
                assertThat(desk.entryAmount()).isEqualTo("37.50");
                desk.submit("#entry-form");
                page = desk.await("the gateway's field error next to its field", p -> p.path("entryErrors").size() == 1);
                assertThat(page.get("entryErrors").toString()).as("customer.name's error, right after its input")
                        .isEqualTo("[{\"field\":\"customer.name\",\"after\":\"customer.name\"}]");
                assertThat(page.get("entryAnswer").asText()).startsWith("400");
                assertThat(orders).doesNotContainKey("20261122-000042");

                desk.set("#entry-form", "customer.name", "深圳茶行");
                desk.submit("#entry-form");
                JsonNode order = desk.await("the new order's page, read after its write",
                        p -> p.path("id").asText().equals("20261122-000042"), ORDER);
                assertThat(order.get("status").asText()).isEqualTo("待审核");
                assertThat(order.get("actions").findValuesAsText("action")).as("sales' actions")
                        .containsExactly("amend", "pay", "cancel");
                assertThat(order.get("text").asText()).contains("13912345678").as("sales sees the phone");
                desk.await("the new order in the ledger", p -> ids(p).contains("20261122-000042"));

                // A command the gateway takes and the streams app refuses: the refusal on the order, its row red.
                desk.set("form.action[data-action=cancel]", "reason", "客户改主意");
                desk.submit("form.action[data-action=cancel]");
                order = desk.await("the refusal on the order", p -> !p.path("refusal").asText().isEmpty(), ORDER);
                assertThat(order.get("refusal").asText()).as("the code by its label, the command, the reason")
                        .contains("已申请取消").contains("申请取消").contains("already waiting for approval")
                        .doesNotContain("CANCELLATION_ALREADY_REQUESTED");
                assertThat(order.get("refusalCode").asText()).isEqualTo("CANCELLATION_ALREADY_REQUESTED");
                assertThat(order.get("refusals")).as("the refusal among the order's refusals").singleElement()
                        .satisfies(row -> assertThat(row.asText()).contains("已申请取消", "demo-sales"));
                assertThat(order.get("status").asText()).as("the order as it was").isEqualTo("待审核");
                assertThat(browser.evaluate("document.querySelector('tr[data-order=\"20261122-000042\"]').dataset.colour")
                        .asText()).isEqualTo("red");

                // Sales amends it: the entry form filled with the order, one more unit, the amount worked out again.
                browser.evaluate("document.querySelector('form.action[data-action=amend] button').click()");
                browser.await("the amendment form", "document.querySelector('#entry-form')?.dataset.amending || ''",
                        v -> v.asText().equals("20261122-000042"), WAIT);
                assertThat(browser.evaluate("document.querySelector('#entry-form').elements['customer.name'].value").asText())
                        .isEqualTo("深圳茶行");
                desk.set("#entry-form", "lines[0].quantity", "4");
                assertThat(desk.entryAmount()).isEqualTo("50.00");
                desk.submit("#entry-form");
                order = desk.await("the amended order", p -> p.path("lines").size() == 1
                        && p.path("lines").get(0).asText().contains("50.00"), ORDER);
                assertThat(order.get("refusal").asText()).as("a change applied since").isEmpty();

                // The reviewer approves it from their queue; their own order offers no approval.
                desk.signIn("demo-reviewer");
                assertThat(browser.evaluate("document.getElementById('queue-pick').hidden").asBoolean()).isTrue();
                browser.evaluate("document.getElementById('queue-review').click()");
                desk.await("the review queue", p -> ids(p).size() == 2
                        && ids(p).containsAll(List.of("20261122-000042", "OWN-1")));
                browser.evaluate("location.hash = '#/orders/OWN-1'");
                order = desk.await("the reviewer's own order", p -> p.path("id").asText().equals("OWN-1"), ORDER);
                assertThat(order.get("actions").findValuesAsText("action")).as("four eyes").isEmpty();
                browser.evaluate("location.hash = '#/orders/20261122-000042'");
                order = desk.await("the order to review", p -> p.path("id").asText().equals("20261122-000042")
                        && p.path("actions").findValuesAsText("action").contains("approve"), ORDER);
                assertThat(order.get("actions").findValuesAsText("action")).containsExactly("approve", "return");
                desk.submit("form.action[data-action=approve]");
                order = desk.await("the order approved", p -> p.path("status").asText().equals("已审核"), ORDER);

                // The warehouse receives stock, and sees the level once the ledger has applied it.
                desk.signIn("demo-warehouse");
                browser.await("the stock form", "!!document.querySelector('#stock-form')", JsonNode::asBoolean, WAIT);
                desk.set("#stock-form", "sku", "SKU-1");
                desk.set("#stock-form", "quantity", "20");
                desk.set("#stock-form", "reference", "PO-7");
                desk.submit("#stock-form");
                assertThat(browser.await("the level after the receipt", "document.getElementById('stock-level').textContent",
                        v -> v.asText().contains("SKU-1"), WAIT).asText()).contains("20");

                // The warehouse ships it from the pick list, every line in full unless told otherwise.
                browser.evaluate("document.getElementById('queue-pick').click()");
                desk.await("the pick list", p -> ids(p).equals(List.of("20261122-000042")));
                order = desk.await("the order to ship",
                        p -> p.path("actions").findValuesAsText("action").contains("ship"), ORDER);
                assertThat(browser.evaluate("document.querySelector('form.action[data-action=ship] input[data-sku]').value")
                        .asText()).isEqualTo("4");
                desk.set("form.action[data-action=ship]", "carrier", "SF");
                desk.set("form.action[data-action=ship]", "trackingNumber", "SF100200300");
                desk.submit("form.action[data-action=ship]");
                order = desk.await("the order shipped", p -> p.path("status").asText().equals("已发货"), ORDER);
                assertThat(order.get("shipments").get(0).asText()).contains("SF100200300").contains("SKU-1 × 4");

                // Sales records the payment of what is due, the ledger whole again after the warehouse's pick list.
                desk.signIn("demo-sales");
                desk.await("the whole ledger", p -> ids(p).size() == 2);
                order = desk.await("the payment form", p -> p.path("actions").findValuesAsText("action").contains("pay"), ORDER);
                assertThat(browser.evaluate("document.querySelector('form.action[data-action=pay] [name=amount]').value")
                        .asText()).isEqualTo("50.00");
                desk.set("form.action[data-action=pay]", "reference", "BANK-901");
                desk.submit("form.action[data-action=pay]");
                order = desk.await("the order paid", p -> p.path("text").asText().contains("已付款")
                        && p.path("payments").size() == 1, ORDER);
                assertThat(order.get("payments").get(0).asText()).contains("BANK-901");
                assertThat(browser.evaluate(PAGE).get("message").asText()).as("no stale complaint of another role").isEmpty();
                browser.screenshot(Path.of("target", "desk-actions.png"));

                assertThat(commands).containsExactly("place by demo-sales", "place by demo-sales",
                        "cancel 20261122-000042 by demo-sales", "amend 20261122-000042 by demo-sales",
                        "approve 20261122-000042 by demo-reviewer", "receive 20 SKU-1 by demo-warehouse",
                        "ship 20261122-000042 by demo-warehouse",
                        "pay 20261122-000042 by demo-sales");
                assertThat(browser.events("Runtime.exceptionThrown")).as("uncaught script errors").isEmpty();
                List<String> requested = browser.events("Network.requestWillBeSent").stream()
                        .map(e -> e.path("request").path("url").asText()).filter(url -> !url.startsWith("data:")).toList();
                assertThat(requested).anyMatch(url -> url.contains("/gateway/v1/orders"))
                        .allSatisfy(url -> assertThat(URI.create(url).getHost()).as(url).isEqualTo("localhost"));
            }
        });
    }

    @Test
    void shouldOfferEachRoleWhatTheTransitionTableLetsItDoInTheOrdersStatus() {
        OrderLineState visit = OrderFixtures.line("SVC-1", 1, "80.00");
        visit.getLine().setKind(io.orderflow.avro.LineKind.SERVICE);
        Map<String, OrderState> states = new java.util.HashMap<>(Map.of(
                "SVC-A", OrderFixtures.order("SVC-A", OrderStatus.APPROVED, NOW, Channel.PHONE, "C-1", List.of(visit)).build(),
                "SVC-S", OrderFixtures.order("SVC-S", OrderStatus.SERVICE_SCHEDULED, NOW, Channel.PHONE, "C-1",
                        List.of(visit)).build(),
                "RET", OrderFixtures.order("RET", OrderStatus.RETURNED, NOW, Channel.PHONE, "C-1",
                        List.of(OrderFixtures.line("SKU-1", 1, "12.50"))).build(),
                "SHIP", OrderFixtures.order("SHIP", OrderStatus.SHIPPED, NOW, Channel.PHONE, "C-1",
                        List.of(OrderFixtures.line("SKU-1", 1, "12.50"))).setPaymentStatus(PaymentStatus.PAID).build(),
                "DLV", OrderFixtures.order("DLV", OrderStatus.DELIVERED, NOW, Channel.PHONE, "C-1",
                        List.of(OrderFixtures.line("SKU-1", 1, "12.50"))).setPaymentStatus(PaymentStatus.PAID).build(),
                "RRQ", OrderFixtures.order("RRQ", OrderStatus.RETURN_REQUESTED, NOW, Channel.PHONE, "C-1",
                        List.of(OrderFixtures.line("SKU-1", 1, "12.50"))).setPaymentStatus(PaymentStatus.PAID).build(),
                "RAP", OrderFixtures.order("RAP", OrderStatus.RETURN_APPROVED, NOW, Channel.PHONE, "C-1",
                        List.of(OrderFixtures.line("SKU-1", 1, "12.50"))).setPaymentStatus(PaymentStatus.PAID).build(),
                "CXL", OrderFixtures.order("CXL", OrderStatus.APPROVED, NOW, Channel.PHONE, "C-1",
                        List.of(OrderFixtures.line("SKU-1", 1, "12.50"))).setCancellation(new io.orderflow.avro.Cancellation(
                                "客户改主意", new Actor("demo-reviewer", Role.REVIEWER), NOW, null, null)).build(),
                "CXS", OrderFixtures.order("CXS", OrderStatus.APPROVED, NOW, Channel.PHONE, "C-1",
                        List.of(OrderFixtures.line("SKU-1", 1, "12.50"))).setCancellation(new io.orderflow.avro.Cancellation(
                                "客户改主意", new Actor("demo-sales", Role.SALES), NOW, null, null)).build()));
        states.put("PSH", OrderFixtures.order("PSH", OrderStatus.PARTIALLY_SHIPPED, NOW, Channel.PHONE, "C-1",
                List.of(OrderFixtures.line("SKU-1", 2, "12.50"))).build());
        states.put("RGR", OrderFixtures.order("RGR", OrderStatus.RETURNED_GOODS_RECEIVED, NOW, Channel.PHONE, "C-1",
                List.of(OrderFixtures.line("SKU-1", 1, "12.50"))).setPaymentStatus(PaymentStatus.PAID)
                .setPaidAmount(new java.math.BigDecimal("12.50")).build());
        states.put("RPD", OrderFixtures.order("RPD", OrderStatus.RETURNED_GOODS_RECEIVED, NOW, Channel.PHONE, "C-1",
                List.of(OrderFixtures.line("SKU-1", 1, "12.50"))).setPaymentStatus(PaymentStatus.PAID)
                .setPaidAmount(new java.math.BigDecimal("12.50")).setPendingRefund(new io.orderflow.avro.Refund("r-1",
                        new java.math.BigDecimal("12.50"), "broken", List.of(), new Actor("demo-sales", Role.SALES), NOW,
                        null, null)).build());
        states.put("CSD", OrderFixtures.order("CSD", OrderStatus.DELIVERED, NOW, Channel.PHONE, "C-1",
                List.of(OrderFixtures.line("SKU-1", 2, "12.50"))).setPaymentStatus(PaymentStatus.PAID)
                .setPaidAmount(new java.math.BigDecimal("25.00")).setTotalAmount(new java.math.BigDecimal("12.50"))
                .setShortClosure(new io.orderflow.avro.ShortClosure("discontinued",
                        List.of(new io.orderflow.avro.ShipmentLine("SKU-1", 1)), new Actor("demo-sales", Role.SALES), NOW))
                .build());
        states.forEach((id, state) -> cluster.state.put(ORDERS, id, state));
        cluster.state.owners.put(1, cluster.peer);
        // key -> order -> the forms its page offers, in the page's order
        Map<String, Map<String, List<String>>> expected = Map.of(
                "demo-service", Map.of("SVC-A", List.of("schedule-service"), "SVC-S", List.of("service-result"),
                        "SHIP", List.of()),
                "demo-warehouse", Map.of("SHIP", List.of("deliver"), "RAP", List.of("receive-return"),
                        "SVC-A", List.of()),
                "demo-sales", Map.of("RET", List.of("amend", "submit", "pay", "cancel"), "DLV", List.of("complete", "request-return"),
                        "SVC-S", List.of("pay", "cancel"), "CXS", List.of("amend", "pay"), "PSH", List.of("pay", "close-short", "cancel"),
                        "RGR", List.of("refund"), "RPD", List.of(), "CSD", List.of("complete", "request-return", "refund")),
                "demo-reviewer", Map.of("RRQ", List.of("approve-return", "reject-return"), "DLV", List.of("complete"),
                        "CXS", List.of("approve-cancel"), "CXL", List.of(), "RPD", List.of("approve-refund", "reject-refund"),
                        "PSH", List.of("close-short")));
        Optional<HeadlessChromium> launched = HeadlessChromium.launch(1400, 1000,
                Path.of("target", "desk-offers-chromium.log"), "en-US");
        if (launched.isEmpty()) {
            return;
        }
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            try (HeadlessChromium browser = launched.get()) {
                DeskPage desk = new DeskPage(browser, WAIT);
                browser.navigate("http://localhost:" + server.port() + "/?key=demo-service&live=0");
                desk.await("the desk", p -> p.path("loaded").asBoolean());
                for (var byKey : new java.util.TreeMap<>(expected).entrySet()) {
                    desk.signIn(byKey.getKey());
                    for (var byOrder : new java.util.TreeMap<>(byKey.getValue()).entrySet()) {
                        browser.evaluate("location.hash = '#/orders/" + byOrder.getKey() + "'");
                        JsonNode order = desk.await(byOrder.getKey() + " for " + byKey.getKey(),
                                p -> p.path("id").asText().equals(byOrder.getKey()), ORDER);
                        assertThat(order.get("actions").findValuesAsText("action"))
                                .as(byKey.getKey() + " on " + byOrder.getKey()).isEqualTo(byOrder.getValue());
                    }
                }
                assertThat(browser.events("Runtime.exceptionThrown")).as("uncaught script errors").isEmpty();
            }
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
