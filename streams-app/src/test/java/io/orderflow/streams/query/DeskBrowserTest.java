package io.orderflow.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.api.browser.HeadlessChromium;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
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
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The order desk in a real headless Chromium against the query API (two instances over stubbed state, the
 * clock fixed): the ledger in the source documents' columns and colours, in the browser's language and
 * switched; filters and their field errors; paging across instances; live updates; an order's page. The page
 * asks nothing of any host but this one. Screenshots go to target/desk-*.png (docs/desk-*.png are copies).
 */
@Timeout(180)
class DeskBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ORDERS = "orders-store";
    private static final Instant NOW = TestCluster.NOW;
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static OrderLineState line(String sku, String name, int quantity, String price) {
        OrderLineState line = OrderFixtures.line(sku, quantity, price);
        line.getLine().setProductName(name);
        return line;
    }

    private static HistoryEntry entry(Duration ago, Actor actor, String action, OrderStatus from, OrderStatus to,
                                      String reason) {
        return HistoryEntry.newBuilder().setAt(NOW.minus(ago)).setActor(actor).setAction(action).setFromStatus(from)
                .setToStatus(to).setReason(reason).setCommandId("c-" + action).build();
    }

    /** An order placed {@code ago} before the test's instant by sales, owned by {@code owner}. */
    private static OrderState order(String id, OrderStatus status, Duration ago, String owner, Channel channel,
                                    OrderLineState... lines) {
        Instant at = NOW.minus(ago);
        OrderState order = OrderFixtures.order(id, status, at, channel, "C-" + id, List.of(lines))
                .setCustomer(Customer.newBuilder().setId("C-" + id).setName("深圳茶行 " + id).setContactName("王小明")
                        .setPhone("13800138000").setAddress("深圳市南山区科技园1号").build())
                .setOwner(owner)
                .build();
        order.setHistory(new ArrayList<>(List.of(entry(ago, new Actor(owner, Role.SALES), "PlaceOrder", null,
                OrderStatus.PENDING_REVIEW, null))));
        return order;
    }

    private final java.util.Map<String, OrderState> stored = new java.util.HashMap<>();

    private void put(OrderState order) {
        stored.put(order.getOrderId(), order);
        cluster.state.put(ORDERS, order.getOrderId(), order);
    }

    /**
     * D-1 waiting for review, D-2 approved and past its promised date (red, on the peer's partition), D-3
     * shipped, delivered, paid and completed with its whole history, D-4 and D-5 waiting for review, D-5's
     * approval by its salesperson refused (red) before the page opened.
     */
    private void ledger() {
        put(order("D-1", OrderStatus.PENDING_REVIEW, Duration.ofMinutes(10), "li.desk", Channel.PHONE,
                line("SKU-1", "绿茶", 2, "12.50")));
        OrderState late = order("D-2", OrderStatus.APPROVED, Duration.ofDays(5), "wu.desk", Channel.ONLINE,
                line("TEA-9", "乌龙茶", 4, "30.00"));
        late.setExpectedDeliveryDate(TODAY.minusDays(2));
        late.setExceptionNote("客户要求延期");
        late.getHistory().add(entry(Duration.ofDays(4), new Actor("rita.reviewer", Role.REVIEWER), "ApproveOrder",
                OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, "ok"));
        put(late);
        Alert overdue = Alert.newBuilder().setAlertId("OVERDUE_DELIVERY:D-2").setType(AlertType.OVERDUE_DELIVERY)
                .setState(AlertState.RAISED).setOrderId("D-2").setOrderStatus(OrderStatus.APPROVED)
                .setMessage("D-2 is past its expected delivery").setAt(NOW.minus(Duration.ofDays(1))).build();
        cluster.state.put("alerts-active-store", overdue.getAlertId(), overdue);

        OrderState done = order("D-3", OrderStatus.COMPLETED, Duration.ofDays(3), "li.desk", Channel.OFFLINE,
                line("SKU-1", "绿茶", 3, "12.50"), line("TEA-9", "乌龙茶", 1, "30.00"));
        done.setPaymentStatus(PaymentStatus.PAID);
        done.setPaidAmount(new BigDecimal("67.50"));
        done.getLines().forEach(l -> l.setShippedQuantity(l.getLine().getQuantity()));
        done.setDeliveredAt(NOW.minus(Duration.ofDays(1)));
        done.setShipments(new ArrayList<>(List.of(Shipment.newBuilder().setShipmentId("D-3-S1").setCarrier("SF")
                .setTrackingNumber("SF100200300").setShippedAt(NOW.minus(Duration.ofDays(2)))
                .setLines(new ArrayList<>(List.of(new ShipmentLine("SKU-1", 3), new ShipmentLine("TEA-9", 1))))
                .setDeliveredAt(NOW.minus(Duration.ofDays(1))).build())));
        done.getHistory().addAll(List.of(
                entry(Duration.ofHours(70), new Actor("rita.reviewer", Role.REVIEWER), "ApproveOrder",
                        OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, null),
                entry(Duration.ofHours(48), new Actor("wang.warehouse", Role.WAREHOUSE), "ShipOrder",
                        OrderStatus.APPROVED, OrderStatus.SHIPPED, null),
                entry(Duration.ofHours(24), new Actor("SF", Role.LOGISTICS), "TrackingScan",
                        OrderStatus.SHIPPED, OrderStatus.DELIVERED, null),
                entry(Duration.ofHours(20), new Actor("li.desk", Role.SALES), "RecordPayment",
                        OrderStatus.DELIVERED, OrderStatus.DELIVERED, "BANK-778"),
                entry(Duration.ofHours(19), new Actor("li.desk", Role.SALES), "CompleteOrder",
                        OrderStatus.DELIVERED, OrderStatus.COMPLETED, null)));
        put(done);
        put(order("D-4", OrderStatus.PENDING_REVIEW, Duration.ofMinutes(20), "wu.desk", Channel.ONLINE,
                line("SKU-1", "绿茶", 1, "12.50")));
        put(order("D-5", OrderStatus.PENDING_REVIEW, Duration.ofMinutes(30), "wu.desk", Channel.DISTRIBUTOR,
                line("SKU-2", "红茶", 6, "8.00")));
        cluster.state.put("order-refusals-store", "D-5", new io.orderflow.avro.OrderRefusals(List.of(
                io.orderflow.avro.Refusal.newBuilder().setCommandId("c-D-5-approve").setOrderId("D-5")
                        .setCommand("ApproveOrder").setActor(new Actor("wu.desk", Role.SALES))
                        .setAt(NOW.minus(Duration.ofMinutes(5))).setCode("ROLE_NOT_ALLOWED")
                        .setReason("sales may not approve").setStatus(OrderStatus.PENDING_REVIEW).build())));
        assertThat(InMemoryState.partitionOf(ORDERS, "D-2")).as("D-2 on the peer's partition").isEqualTo(1);
        assertThat(InMemoryState.partitionOf(ORDERS, "D-1")).as("D-1 on this instance's").isZero();
    }

    private static OrderEvent event(OrderState before, String action, Actor actor, OrderStatus to, Duration ago) {
        OrderState after = OrderState.newBuilder(before).setStatus(to).setUpdatedAt(NOW.minus(ago))
                .setStatusSince(NOW.minus(ago)).setVersion(before.getVersion() + 1).build();
        return OrderEvent.newBuilder().setEventId("e-" + before.getOrderId() + "-" + action)
                .setOrderId(before.getOrderId()).setCommandId("c-" + action).setAction(action).setActor(actor)
                .setAt(NOW.minus(ago)).setFromStatus(before.getStatus()).setToStatus(to).setOrder(after).build();
    }

    @Test
    void shouldShowTheLedgerInTheBrowsersLanguageFilterPageLiveAndOpenAnOrder() {
        ledger();
        cluster.state.owners.put(1, cluster.peer);
        Optional<HeadlessChromium> launched = HeadlessChromium.launch(1400, 1000, Path.of("target", "desk-chromium.log"),
                "zh-CN");
        if (launched.isEmpty()) {
            return;
        }
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            try (HeadlessChromium browser = launched.get()) {
                String origin = "http://localhost:" + server.port();
                browser.navigate(origin + "/?key=demo-analyst&rows=2");

                // Chinese, as the browser asks: the source documents' columns, two rows a page, newest first.
                JsonNode page = await(browser, "the first page of the ledger", p -> p.path("loaded").asBoolean());
                assertThat(page.get("lang").asText()).isEqualTo("zh-CN");
                assertThat(texts(page.get("headers"))).containsExactly("订单编号", "客户名称", "商品名称", "数量", "金额",
                        "状态", "预计交付", "实际交付", "负责人", "更新时间");
                assertThat(ids(page)).containsExactly("D-1", "D-4");
                assertThat(page.get("more").asBoolean()).isTrue();

                // Paging across both instances: the cursor of the list API, page after page, until all are shown.
                click(browser, "#more");
                await(browser, "the second page", p -> ids(p).size() == 4);
                click(browser, "#more");
                page = await(browser, "every order", p -> ids(p).size() == 5 && p.path("allLoaded").asBoolean());
                assertThat(ids(page)).containsExactly("D-1", "D-4", "D-5", "D-3", "D-2");
                assertThat(row(page, "D-1").path("status").asText()).isEqualTo("待审核");
                assertThat(row(page, "D-1").path("product").asText()).isEqualTo("绿茶");
                assertThat(row(page, "D-1").path("quantity").asText()).isEqualTo("2");
                assertThat(row(page, "D-1").path("amount").asText()).isEqualTo("25.00");
                assertThat(row(page, "D-1").path("owner").asText()).isEqualTo("li.desk");
                assertThat(row(page, "D-1").path("colour").asText()).isEqualTo("yellow");
                assertThat(row(page, "D-2").path("colour").asText()).as("overdue").isEqualTo("red");
                assertThat(row(page, "D-2").path("expected").asText()).isEqualTo(TODAY.minusDays(2).toString());
                assertThat(row(page, "D-3").path("colour").asText()).isEqualTo("green");
                assertThat(row(page, "D-5").path("colour").asText()).as("refused before the page opened")
                        .isEqualTo("red");
                assertThat(row(page, "D-3").path("status").asText()).isEqualTo("已完成");
                assertThat(row(page, "D-3").path("delivered").asText()).isEqualTo(TODAY.minusDays(1).toString());
                assertThat(row(page, "D-3").path("product").asText()).isEqualTo("绿茶、乌龙茶");
                assertThat(row(page, "D-3").path("quantity").asText()).isEqualTo("4");

                // The switch: English at once, and kept when the page is opened again.
                browser.evaluate("(() => { const s = document.getElementById('lang'); s.value = 'en';"
                        + " s.dispatchEvent(new Event('change')); })()");
                page = browser.evaluate(PAGE);
                assertThat(page.get("lang").asText()).isEqualTo("en");
                assertThat(texts(page.get("headers"))).containsExactly("Order no.", "Customer", "Product", "Qty", "Amount",
                        "Status", "Expected delivery", "Delivered", "Owner", "Updated");
                assertThat(row(page, "D-1").path("status").asText()).isEqualTo("Pending review");
                browser.screenshot(Path.of("target", "desk-ledger.png"));
                List<String> firstStream = streamRequests(browser);
                browser.navigate(origin + "/");
                page = await(browser, "the ledger again, in English", p -> p.path("loaded").asBoolean());
                assertThat(page.get("lang").asText()).isEqualTo("en");
                assertThat(ids(page)).hasSize(5);
                browser.evaluate("(() => { const s = document.getElementById('lang'); s.value = 'zh';"
                        + " s.dispatchEvent(new Event('change')); })()");
                assertThat(row(browser.evaluate(PAGE), "D-2").path("status").asText()).isEqualTo("已审核");

                // Filters, answered by the list API on both instances.
                filter(browser, "status", "APPROVED");
                assertThat(ids(await(browser, "approved orders", p -> ids(p).equals(List.of("D-2"))))).hasSize(1);
                filter(browser, "status", "");
                filter(browser, "sku", "SKU-1");
                filter(browser, "owner", "li.desk");
                await(browser, "li.desk's orders of SKU-1", p -> ids(p).equals(List.of("D-1", "D-3")));
                filter(browser, "owner", "");
                filter(browser, "sku", "");
                filter(browser, "paymentStatus", "PAID");
                await(browser, "paid orders", p -> ids(p).equals(List.of("D-3")));
                filter(browser, "paymentStatus", "");
                filter(browser, "channel", "DISTRIBUTOR");
                await(browser, "the distributor's order", p -> ids(p).equals(List.of("D-5")));
                filter(browser, "channel", "");
                filter(browser, "from", TODAY.minusDays(3).toString());
                filter(browser, "to", TODAY.minusDays(3).toString());
                await(browser, "orders placed three days ago", p -> ids(p).equals(List.of("D-3")));

                // A field the API refuses: its error next to that field, the ledger as it was.
                filter(browser, "from", "1900-01-01");
                page = await(browser, "the error next to the field", p -> p.path("errors").size() == 1);
                assertThat(page.get("errors").get(0).path("field").asText()).isEqualTo("from");
                assertThat(page.get("errors").get(0).path("inLabelOf").asText()).isEqualTo("from");
                assertThat(page.get("errors").get(0).path("text").asText()).contains("1970");
                assertThat(ids(page)).containsExactly("D-3");
                browser.evaluate("document.getElementById('filters').reset()");
                await(browser, "every order after the reset", p -> ids(p).size() == 5 && p.path("errors").isEmpty());

                // Live: what the stream says is in the ledger as the filter says, without reading the list again.
                filter(browser, "status", "PENDING_REVIEW");
                await(browser, "orders waiting for review", p -> ids(p).equals(List.of("D-1", "D-4", "D-5")));
                awaitStreamOpen(browser, firstStream);
                long listsRead = listRequests(browser);
                OrderState d1 = stored.get("D-1");
                cluster.feed.publish(new Change.OrderChanged(event(d1, "ApproveOrder",
                        new Actor("rita.reviewer", Role.REVIEWER), OrderStatus.APPROVED, Duration.ofMinutes(1))));
                OrderState placed = order("D-6", OrderStatus.PENDING_REVIEW, Duration.ZERO, "li.desk", Channel.PHONE,
                        line("SKU-1", "绿茶", 9, "12.50"));
                cluster.feed.publish(new Change.OrderChanged(OrderEvent.newBuilder().setEventId("e-D-6")
                        .setOrderId("D-6").setCommandId("c-D-6").setAction("PlaceOrder")
                        .setActor(new Actor("li.desk", Role.SALES)).setAt(NOW).setToStatus(OrderStatus.PENDING_REVIEW)
                        .setOrder(placed).build()));
                page = await(browser, "D-1 approved out of the filter and D-6 placed into it",
                        p -> ids(p).equals(List.of("D-6", "D-4", "D-5")));
                assertThat(row(page, "D-6").path("amount").asText()).isEqualTo("112.50");
                assertThat(listRequests(browser)).as("no list read again").isEqualTo(listsRead);

                // An order's page, from the keyboard: lines, shipments, payments, history; personal data masked.
                browser.evaluate("document.getElementById('filters').reset()");
                await(browser, "every order", p -> ids(p).contains("D-3"));
                browser.evaluate("(() => { const r = document.querySelector('tr[data-order=\"D-3\"]'); r.focus();"
                        + " r.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); })()");
                JsonNode order = await(browser, "D-3's page", p -> p.path("id").asText().equals("D-3")
                        && p.path("history").size() == 6, ORDER);
                assertThat(order.get("status").asText()).isEqualTo("已完成");
                assertThat(order.get("lines")).hasSize(2);
                assertThat(order.get("lines").get(0).asText()).contains("SKU-1").contains("绿茶").contains("37.50");
                assertThat(order.get("shipments").get(0).asText()).contains("SF100200300").contains("SKU-1 × 3");
                assertThat(order.get("payments").get(0).asText()).contains("BANK-778").contains("li.desk");
                assertThat(texts(order.get("history"))).anySatisfy(h -> assertThat(h).contains("审核通过")
                        .contains("rita.reviewer").contains("待审核 → 已审核"));
                assertThat(order.get("text").asText()).contains("138****8000").doesNotContain("13800138000")
                        .doesNotContain("科技园1号");

                // Another order's page follows the stream: its status and its history as they change.
                browser.evaluate("location.hash = '#/orders/D-2'");
                order = await(browser, "D-2's page with its alert and exception note",
                        p -> p.path("id").asText().equals("D-2") && p.path("alerts").size() == 1, ORDER);
                assertThat(order.get("alerts").get(0).asText()).contains("交付逾期");
                assertThat(order.get("text").asText()).contains("客户要求延期");
                OrderState d2 = stored.get("D-2");
                cluster.feed.publish(new Change.OrderChanged(event(d2, "ShipOrder",
                        new Actor("wang.warehouse", Role.WAREHOUSE), OrderStatus.SHIPPED, Duration.ZERO)));
                order = await(browser, "D-2 shipped on its page", p -> p.path("status").asText().equals("已发货"), ORDER);
                assertThat(texts(order.get("history")).get(order.get("history").size() - 1))
                        .contains("发货").contains("wang.warehouse").contains("已审核 → 已发货");
                // The switch redraws the open order's page too.
                browser.evaluate("(() => { const s = document.getElementById('lang'); s.value = 'en';"
                        + " s.dispatchEvent(new Event('change')); })()");
                order = browser.evaluate(ORDER);
                assertThat(order.get("status").asText()).isEqualTo("Shipped");
                assertThat(texts(order.get("history")).get(order.get("history").size() - 1))
                        .contains("Shipped").contains("Approved → Shipped");
                browser.evaluate("document.getElementById('order').scrollIntoView()");
                browser.screenshot(Path.of("target", "desk-order.png"));
                browser.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))");
                await(browser, "the order's page closed", p -> p.path("hidden").asBoolean(), ORDER);

                assertThat(browser.events("Runtime.exceptionThrown")).as("uncaught script errors").isEmpty();
                // data: URLs (the date inputs' own icons) are no request at all
                List<String> requested = browser.events("Network.requestWillBeSent").stream()
                        .map(e -> e.path("request").path("url").asText()).filter(url -> !url.startsWith("data:")).toList();
                assertThat(requested).anyMatch(url -> url.endsWith("/i18n.json"))
                        .allSatisfy(url -> assertThat(URI.create(url).getHost()).as(url).isEqualTo("localhost"));
            }
        });
    }

    @Test
    void shouldShowAReportAsATableAndAChartAndExportIt() {
        cluster.state.put("report-monthly-by-customer", "2026-11|C1",
                new io.orderflow.streams.analytics.SalesFigures(2, 3, new BigDecimal("50.00")));
        cluster.state.put("report-monthly-by-customer", "2026-11|C2|USD",
                new io.orderflow.streams.analytics.SalesFigures(1, 1, new BigDecimal("12.50")));
        cluster.state.put("report-monthly-by-customer", "2026-10|C1",
                new io.orderflow.streams.analytics.SalesFigures(1, 1, new BigDecimal("10.00")));
        cluster.state.owners.put(1, cluster.peer);
        Optional<HeadlessChromium> launched = HeadlessChromium.launch(1400, 1000,
                Path.of("target", "desk-reports-chromium.log"), "zh-CN");
        if (launched.isEmpty()) {
            return;
        }
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            try (HeadlessChromium browser = launched.get()) {
                browser.navigate("http://localhost:" + server.port() + "/?key=demo-analyst&live=0");
                await(browser, "the desk", p -> p.path("loaded").asBoolean());
                assertThat(browser.evaluate("document.getElementById('reports').hidden").asBoolean()).isFalse();
                browser.evaluate("(() => { const f = document.getElementById('report-form'); f.elements.report.value = 'monthly';"
                        + " f.elements.report.dispatchEvent(new Event('change')); f.elements.month.value = '2026-11';"
                        + " f.elements.by.value = 'customer'; f.requestSubmit(); })()");
                JsonNode report = browser.await("the monthly summary of November", REPORT,
                        r -> r.path("rows").size() == 2, WAIT);
                assertThat(texts(report.get("headers"))).containsExactly("月份", "维度", "项目", "订单数", "件数", "销售额",
                        "币种");
                assertThat(texts(report.get("rows"))).as("each in its currency (a key before currencies: CNY)")
                        .containsExactly("2026-11|客户|C1|2|3|50.00|CNY", "2026-11|客户|C2|1|1|12.50|USD");
                assertThat(report.get("bars").asInt()).isEqualTo(2);

                browser.evaluate("document.querySelector('a[data-report-format=csv]').click()");
                browser.awaitEvent("Network.requestWillBeSent", e -> e.path("request").path("url").asText()
                        .endsWith("/v1/reports/monthly?format=csv&lang=zh&month=2026-11&by=customer"), WAIT);
                assertThat(browser.events("Runtime.exceptionThrown")).as("uncaught script errors").isEmpty();
            }
        });
    }

    /** What the report section shows. */
    private static final String REPORT = """
            (() => ({
              headers: [...document.querySelectorAll('#report-table thead th')].map(th => th.textContent),
              rows: [...document.querySelectorAll('#report-table tbody tr')]
                .map(r => [...r.cells].map(c => c.textContent).join('|')),
              bars: document.querySelectorAll('#chart-report rect.bar').length
            }))()""";

    /** What the ledger shows, read from its DOM. */
    private static final String PAGE = """
            (() => ({
              loaded: document.body.dataset.loaded === 'true',
              lang: document.documentElement.lang,
              headers: [...document.querySelectorAll('#orders thead th')].map(th => th.textContent),
              rows: [...document.querySelectorAll('#orders tbody tr[data-order]')].map(r => {
                const row = { id: r.dataset.order, colour: r.dataset.colour };
                r.querySelectorAll('td[data-col]').forEach(td => { row[td.dataset.col] = td.textContent; });
                return row;
              }),
              more: !document.getElementById('more').hidden,
              allLoaded: !document.getElementById('all').hidden,
              errors: [...document.querySelectorAll('#filters .field-error')].map(e => ({
                field: e.dataset.field, text: e.textContent,
                inLabelOf: (e.closest('label')?.querySelector('[name]') || {}).name })),
            }))()""";

    /** What the order's page shows. */
    private static final String ORDER = """
            (() => {
              const panel = document.getElementById('order');
              const rows = (id) => [...panel.querySelectorAll('#' + id + ' tbody tr')].map(r => r.textContent);
              return { hidden: panel.hidden, id: panel.dataset.order || '',
                status: panel.querySelector('#order-status')?.textContent || '',
                lines: rows('order-lines'), shipments: rows('order-shipments'), payments: rows('order-payments'),
                alerts: rows('order-alerts'), history: rows('order-history'), text: panel.textContent };
            })()""";

    private static JsonNode await(HeadlessChromium browser, String what, Predicate<JsonNode> condition) {
        return await(browser, what, condition, PAGE);
    }

    private static JsonNode await(HeadlessChromium browser, String what, Predicate<JsonNode> condition, String script) {
        return browser.await(what, script, condition, WAIT);
    }

    /** Sets a filter field as a user would and submits the form. */
    private static void filter(HeadlessChromium browser, String name, String value) {
        browser.evaluate("(() => { const f = document.getElementById('filters'); f.elements['" + name + "'].value = '"
                + value + "'; f.requestSubmit(); })()");
    }

    private static void click(HeadlessChromium browser, String selector) {
        browser.evaluate("document.querySelector('" + selector + "').click()");
    }

    /**
     * Once the server's first bytes arrived on the live stream the page opened after {@code earlier} ones:
     * changes from then on reach the page.
     */
    private static void awaitStreamOpen(HeadlessChromium browser, List<String> earlier) {
        String stream = browser.awaitEvent("Network.requestWillBeSent",
                e -> e.path("request").path("url").asText().contains("/v1/stream")
                        && !earlier.contains(e.path("requestId").asText()), WAIT).get("requestId").asText();
        browser.awaitEvent("Network.dataReceived", e -> e.path("requestId").asText().equals(stream), WAIT);
    }

    private static List<String> streamRequests(HeadlessChromium browser) {
        return browser.events("Network.requestWillBeSent").stream()
                .filter(e -> e.path("request").path("url").asText().contains("/v1/stream"))
                .map(e -> e.path("requestId").asText()).toList();
    }

    private static long listRequests(HeadlessChromium browser) {
        return browser.events("Network.requestWillBeSent").stream()
                .filter(e -> e.path("request").path("url").asText().contains("/v1/orders?")).count();
    }

    private static List<String> ids(JsonNode page) {
        return page.path("rows").findValuesAsText("id");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode row(JsonNode page, String id) {
        for (JsonNode row : page.path("rows")) {
            if (row.path("id").asText().equals(id)) {
                return row;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
