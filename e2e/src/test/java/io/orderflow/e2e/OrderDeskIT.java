package io.orderflow.e2e;

import static io.orderflow.api.browser.DeskPage.ORDER;
import static io.orderflow.api.browser.DeskPage.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.browser.DeskPage;
import io.orderflow.api.browser.HeadlessChromium;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The order desk in a real headless Chromium against the running stack (gateway, two streams-app instances, broker,
 * registry), through the page alone: a phone order entered by sales (a field error next to its field first),
 * approved by a reviewer, shipped and delivered by the warehouse, paid and completed by sales; a command the streams
 * app refuses shown on the order, again after a reload (its ledger row red); the four-eyes rule hiding the approval
 * from the order's creator; the switch from Chinese to English; and no request to any host but the page's own. Its
 * screenshots are the README's ({@code e2e/target/desk-*.png}).
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OrderDeskIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    /** Only this class orders this SKU and uses these ids. */
    private static final String SKU = "DESK-A";
    private static final String ORDER_ID = "desk-phone-1";
    private static final String ADMINS_ORDER = "desk-admin-1";

    private static E2eStack stack;
    private final Api api = new Api();

    @BeforeAll
    static void startStack() throws Exception {
        stack = E2eStack.shared();
        Catalog.stock(stack, List.of(SKU), 20, new Ledger());
    }

    @Test
    void aPhoneOrderIsEnteredApprovedShippedPaidAndCompletedOnThePageAlone() throws Exception {
        Optional<HeadlessChromium> launched = HeadlessChromium.launch(1400, 1300,
                Path.of("target", "desk-chromium.log"), "zh-CN");
        if (launched.isEmpty()) {
            return;
        }
        String origin = stack.queryUrl(0);
        try (HeadlessChromium browser = launched.get()) {
            DeskPage desk = new DeskPage(browser, WAIT);
            browser.navigate(origin + "/?key=demo-sales");
            JsonNode page = desk.await("the desk signed in as sales",
                    p -> p.path("loaded").asBoolean() && p.path("role").asText().equals("sales"));
            assertThat(page.get("newOrder").asBoolean()).isTrue();

            // Sales enters a phone order from the catalog; the amount is worked out, never typed.
            browser.evaluate("document.getElementById('new-order').click()");
            browser.await("the entry form with the catalog",
                    "!!document.querySelector('#entry-form #catalog option[value=\"" + SKU + "\"]')", JsonNode::asBoolean, WAIT);
            desk.set("#entry-form", "orderId", ORDER_ID);
            desk.set("#entry-form", "customer.id", "C-DESK");
            desk.set("#entry-form", "customer.contactName", "王小明");
            desk.set("#entry-form", "customer.phone", "13912345678");
            desk.set("#entry-form", "customer.address", "深圳市福田区");
            desk.set("#entry-form", "expectedDeliveryDate", LocalDate.now().plusDays(7).toString());
            desk.set("#entry-form", "lines[0].sku", SKU);
            desk.set("#entry-form", "lines[0].quantity", "3");
            assertThat(desk.entryAmount()).isEqualTo("30.00");
            desk.submit("#entry-form");
            page = desk.await("the gateway's field error next to its field", p -> p.path("entryErrors").size() == 1);
            assertThat(page.get("entryErrors").toString()).as("customer.name's error, right after its input")
                    .isEqualTo("[{\"field\":\"customer.name\",\"after\":\"customer.name\"}]");
            assertThat(page.get("entryAnswer").asText()).startsWith("400");
            browser.screenshot(Path.of("target", "desk-entry.png"));

            desk.set("#entry-form", "customer.name", "深圳茶行");
            desk.submit("#entry-form");
            JsonNode order = desk.await("the new order's page, read after its write",
                    p -> p.path("id").asText().equals(ORDER_ID) && !p.path("status").asText().isEmpty(), ORDER);
            assertThat(order.get("status").asText()).isEqualTo("待审核");
            assertThat(order.get("lines").get(0).asText()).contains(SKU, "30.00");

            // A payment beyond what is due: the gateway takes it, the streams app refuses it; the refusal is
            // shown on the order with its reason, and kept with it: a reload shows it again.
            desk.set("form.action[data-action=pay]", "amount", "999.00");
            desk.submit("form.action[data-action=pay]");
            order = desk.await("the refusal on the order", p -> p.path("refusals").size() == 1, ORDER);
            assertThat(order.get("refusals").get(0).asText()).contains("超出应付金额", "demo-sales");
            assertThat(order.get("payments")).isEmpty();
            browser.navigate(origin + "/#/orders/" + ORDER_ID);
            order = desk.await("the refusal after a reload",
                    p -> p.path("id").asText().equals(ORDER_ID) && p.path("refusals").size() == 1, ORDER);
            assertThat(order.get("refusalCodes").findValuesAsText("code")).containsExactly("OVERPAYMENT");
            browser.await("the order's row red after the reload: the refusal is its latest word",
                    "document.querySelector('tr[data-order=\"" + ORDER_ID + "\"]')?.dataset.colour || ''",
                    colour -> colour.asText().equals("red"), WAIT);

            // Four eyes: an order the admin entered offers the admin no approval; another's order does.
            Map<String, Object> body = Traffic.placeBody(new Ledger.Order(ADMINS_ORDER,
                    List.of(new Ledger.Line(SKU, 1, new BigDecimal("10.00"))), "13800000000", "深圳市南山区"));
            Api.Response placed = api.post(stack.gatewayUrl() + "/v1/orders", Api.ADMIN, body, null);
            assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
            desk.signIn("demo-admin");
            browser.evaluate("location.hash = '#/orders/" + ADMINS_ORDER + "'");
            order = desk.await("the admin's own order", p -> p.path("id").asText().equals(ADMINS_ORDER)
                    && p.path("status").asText().equals("待审核"), ORDER);
            assertThat(order.get("actions").findValuesAsText("action")).as("four eyes").doesNotContain("approve", "return")
                    .contains("cancel");
            browser.evaluate("location.hash = '#/orders/" + ORDER_ID + "'");
            order = desk.await("sales' order as the admin sees it", p -> p.path("id").asText().equals(ORDER_ID), ORDER);
            assertThat(order.get("actions").findValuesAsText("action")).contains("approve", "return");

            // The reviewer approves it from the review queue.
            desk.signIn("demo-reviewer");
            browser.evaluate("document.getElementById('queue-review').click()");
            desk.await("the review queue", p -> ids(p).contains(ORDER_ID));
            browser.evaluate("location.hash = '#/orders/" + ORDER_ID + "'");
            order = desk.await("the order to review", p -> p.path("id").asText().equals(ORDER_ID)
                    && p.path("actions").findValuesAsText("action").contains("approve"), ORDER);
            desk.submit("form.action[data-action=approve]");
            desk.await("the order approved, its stock reserved", p -> p.path("status").asText().equals("已审核"), ORDER);

            // The warehouse ships it from the pick list, then confirms the delivery.
            desk.signIn("demo-warehouse");
            browser.evaluate("document.getElementById('queue-pick').click()");
            desk.await("the pick list", p -> ids(p).contains(ORDER_ID));
            browser.evaluate("location.hash = '#/orders/" + ORDER_ID + "'");
            desk.await("the order to ship", p -> p.path("id").asText().equals(ORDER_ID)
                    && p.path("actions").findValuesAsText("action").contains("ship"), ORDER);
            desk.set("form.action[data-action=ship]", "carrier", "SF");
            desk.set("form.action[data-action=ship]", "trackingNumber", "SF-DESK-1");
            desk.submit("form.action[data-action=ship]");
            order = desk.await("the order shipped", p -> p.path("status").asText().equals("已发货")
                    && p.path("actions").findValuesAsText("action").contains("deliver"), ORDER);
            assertThat(order.get("shipments").get(0).asText()).contains("SF-DESK-1", SKU + " × 3");
            desk.submit("form.action[data-action=deliver]");
            desk.await("the order delivered", p -> p.path("status").asText().equals("已送达"), ORDER);

            // Sales records the payment of what is due and completes the order.
            desk.signIn("demo-sales");
            browser.evaluate("location.hash = '#/orders/" + ORDER_ID + "'");
            desk.await("the payment form", p -> p.path("id").asText().equals(ORDER_ID)
                    && p.path("actions").findValuesAsText("action").contains("pay"), ORDER);
            assertThat(browser.evaluate("document.querySelector('form.action[data-action=pay] [name=amount]').value")
                    .asText()).as("what is due").isEqualTo("30.00");
            desk.set("form.action[data-action=pay]", "reference", "BANK-DESK");
            desk.submit("form.action[data-action=pay]");
            order = desk.await("the order paid", p -> p.path("payments").size() == 1
                    && p.path("actions").findValuesAsText("action").contains("complete"), ORDER);
            assertThat(order.get("payments").get(0).asText()).contains("BANK-DESK");
            desk.submit("form.action[data-action=complete]");
            order = desk.await("the order completed", p -> p.path("status").asText().equals("已完成"), ORDER);
            assertThat(order.get("history")).as("the audit trail: placed, approved, shipped, delivered, paid, completed")
                    .hasSizeGreaterThanOrEqualTo(6);
            browser.screenshot(Path.of("target", "desk-order.png"));

            // The language switch: the same order in English, the refusal's code by its English name.
            browser.evaluate("(() => { const s = document.getElementById('lang'); s.value = 'en';"
                    + " s.dispatchEvent(new Event('change')); })()");
            order = desk.await("the order in English", p -> p.path("status").asText().equals("Completed"), ORDER);
            assertThat(order.get("refusals").get(0).asText()).contains("more than is due");
            browser.evaluate("(() => { const s = document.getElementById('lang'); s.value = 'zh';"
                    + " s.dispatchEvent(new Event('change')); })()");
            browser.evaluate("document.getElementById('order-close').click()");
            page = desk.await("the ledger", p -> ids(p).contains(ORDER_ID) && ids(p).contains(ADMINS_ORDER));
            browser.screenshot(Path.of("target", "desk-ledger.png"));

            assertThat(browser.events("Runtime.exceptionThrown")).as("uncaught script errors").isEmpty();
            List<String> requested = browser.events("Network.requestWillBeSent").stream()
                    .map(e -> e.path("request").path("url").asText()).filter(url -> !url.startsWith("data:")).toList();
            assertThat(requested).anyMatch(url -> url.contains("/gateway/v1/orders"))
                    .allSatisfy(url -> assertThat(URI.create(url).getHost()).as(url).isEqualTo("localhost"));
        }
    }
}
