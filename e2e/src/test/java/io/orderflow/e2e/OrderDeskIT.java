package io.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The order desk in a real headless Chromium against the running stack (gateway, two streams-app instances, broker,
 * registry), through the page alone: a phone order entered by sales (a field error next to its field first),
 * approved by a reviewer, shipped and delivered by the warehouse, paid and completed by sales; a command the streams
 * app refuses shown on the order, again after a reload; the four-eyes rule hiding the approval from the order's
 * creator; the switch from Chinese to English; and no request to any host but the page's own. Its screenshots are the
 * README's ({@code e2e/target/desk-*.png}).
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
            browser.navigate(origin + "/?key=demo-sales");
            JsonNode page = await(browser, "the desk signed in as sales",
                    p -> p.path("loaded").asBoolean() && p.path("role").asText().equals("sales"));
            assertThat(page.get("newOrder").asBoolean()).isTrue();

            // Sales enters a phone order from the catalog; the amount is worked out, never typed.
            browser.evaluate("document.getElementById('new-order').click()");
            browser.await("the entry form with the catalog",
                    "!!document.querySelector('#entry-form #catalog option[value=\"" + SKU + "\"]')", JsonNode::asBoolean, WAIT);
            set(browser, "#entry-form", "orderId", ORDER_ID);
            set(browser, "#entry-form", "customer.id", "C-DESK");
            set(browser, "#entry-form", "customer.contactName", "王小明");
            set(browser, "#entry-form", "customer.phone", "13912345678");
            set(browser, "#entry-form", "customer.address", "深圳市福田区");
            set(browser, "#entry-form", "expectedDeliveryDate", LocalDate.now().plusDays(7).toString());
            set(browser, "#entry-form", "lines[0].sku", SKU);
            set(browser, "#entry-form", "lines[0].quantity", "3");
            assertThat(browser.evaluate("document.querySelector('#entry-form [data-amount]').textContent").asText())
                    .isEqualTo("30.00");
            submit(browser, "#entry-form");
            page = await(browser, "the gateway's field error next to its field", p -> p.path("entryErrors").size() == 1);
            assertThat(page.get("entryErrors").get(0).path("field").asText()).isEqualTo("customer.name");
            assertThat(page.get("entryErrors").get(0).path("after").asText()).as("right after its input")
                    .isEqualTo("customer.name");
            assertThat(page.get("entryAnswer").asText()).startsWith("400");
            browser.screenshot(Path.of("target", "desk-entry.png"));

            set(browser, "#entry-form", "customer.name", "深圳茶行");
            submit(browser, "#entry-form");
            JsonNode order = await(browser, "the new order's page, read after its write",
                    p -> p.path("id").asText().equals(ORDER_ID) && !p.path("status").asText().isEmpty(), ORDER);
            assertThat(order.get("status").asText()).isEqualTo("待审核");
            assertThat(order.get("lines").get(0).asText()).contains(SKU, "30.00");

            // A payment beyond what is due: the gateway takes it, the streams app refuses it; the refusal is
            // shown on the order with its reason, and kept with it: a reload shows it again.
            set(browser, "form.action[data-action=pay]", "amount", "999.00");
            submit(browser, "form.action[data-action=pay]");
            order = await(browser, "the refusal on the order", p -> p.path("refusals").size() == 1, ORDER);
            assertThat(order.get("refusals").get(0).asText()).contains("超出应付金额", "demo-sales");
            assertThat(order.get("payments")).isEmpty();
            browser.navigate(origin + "/#/orders/" + ORDER_ID);
            order = await(browser, "the refusal after a reload",
                    p -> p.path("id").asText().equals(ORDER_ID) && p.path("refusals").size() == 1, ORDER);
            assertThat(order.get("refusalCodes").findValuesAsText("code")).containsExactly("OVERPAYMENT");

            // Four eyes: an order the admin entered offers the admin no approval; another's order does.
            Map<String, Object> body = Traffic.placeBody(new Ledger.Order(ADMINS_ORDER,
                    List.of(new Ledger.Line(SKU, 1, new BigDecimal("10.00"))), "13800000000", "深圳市南山区"));
            Api.Response placed = api.post(stack.gatewayUrl() + "/v1/orders", Api.ADMIN, body, null);
            assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
            signIn(browser, "demo-admin");
            browser.evaluate("location.hash = '#/orders/" + ADMINS_ORDER + "'");
            order = await(browser, "the admin's own order", p -> p.path("id").asText().equals(ADMINS_ORDER)
                    && p.path("status").asText().equals("待审核"), ORDER);
            assertThat(order.get("actions").findValuesAsText("action")).as("four eyes").doesNotContain("approve", "return")
                    .contains("cancel");
            browser.evaluate("location.hash = '#/orders/" + ORDER_ID + "'");
            order = await(browser, "sales' order as the admin sees it", p -> p.path("id").asText().equals(ORDER_ID), ORDER);
            assertThat(order.get("actions").findValuesAsText("action")).contains("approve", "return");

            // The reviewer approves it from the review queue.
            signIn(browser, "demo-reviewer");
            browser.evaluate("document.getElementById('queue-review').click()");
            await(browser, "the review queue", p -> ids(p).contains(ORDER_ID));
            browser.evaluate("location.hash = '#/orders/" + ORDER_ID + "'");
            order = await(browser, "the order to review", p -> p.path("id").asText().equals(ORDER_ID)
                    && p.path("actions").findValuesAsText("action").contains("approve"), ORDER);
            submit(browser, "form.action[data-action=approve]");
            await(browser, "the order approved, its stock reserved", p -> p.path("status").asText().equals("已审核"), ORDER);

            // The warehouse ships it from the pick list, then confirms the delivery.
            signIn(browser, "demo-warehouse");
            browser.evaluate("document.getElementById('queue-pick').click()");
            await(browser, "the pick list", p -> ids(p).contains(ORDER_ID));
            browser.evaluate("location.hash = '#/orders/" + ORDER_ID + "'");
            await(browser, "the order to ship", p -> p.path("id").asText().equals(ORDER_ID)
                    && p.path("actions").findValuesAsText("action").contains("ship"), ORDER);
            set(browser, "form.action[data-action=ship]", "carrier", "SF");
            set(browser, "form.action[data-action=ship]", "trackingNumber", "SF-DESK-1");
            submit(browser, "form.action[data-action=ship]");
            order = await(browser, "the order shipped", p -> p.path("status").asText().equals("已发货")
                    && p.path("actions").findValuesAsText("action").contains("deliver"), ORDER);
            assertThat(order.get("shipments").get(0).asText()).contains("SF-DESK-1", SKU + " × 3");
            submit(browser, "form.action[data-action=deliver]");
            await(browser, "the order delivered", p -> p.path("status").asText().equals("已送达"), ORDER);

            // Sales records the payment of what is due and completes the order.
            signIn(browser, "demo-sales");
            browser.evaluate("location.hash = '#/orders/" + ORDER_ID + "'");
            await(browser, "the payment form", p -> p.path("id").asText().equals(ORDER_ID)
                    && p.path("actions").findValuesAsText("action").contains("pay"), ORDER);
            assertThat(browser.evaluate("document.querySelector('form.action[data-action=pay] [name=amount]').value")
                    .asText()).as("what is due").isEqualTo("30.00");
            set(browser, "form.action[data-action=pay]", "reference", "BANK-DESK");
            submit(browser, "form.action[data-action=pay]");
            order = await(browser, "the order paid", p -> p.path("payments").size() == 1
                    && p.path("actions").findValuesAsText("action").contains("complete"), ORDER);
            assertThat(order.get("payments").get(0).asText()).contains("BANK-DESK");
            submit(browser, "form.action[data-action=complete]");
            order = await(browser, "the order completed", p -> p.path("status").asText().equals("已完成"), ORDER);
            assertThat(order.get("history")).as("the audit trail: placed, approved, shipped, delivered, paid, completed")
                    .hasSizeGreaterThanOrEqualTo(6);
            browser.screenshot(Path.of("target", "desk-order.png"));

            // The language switch: the same order in English, the refusal's code by its English name.
            browser.evaluate("(() => { const s = document.getElementById('lang'); s.value = 'en';"
                    + " s.dispatchEvent(new Event('change')); })()");
            order = await(browser, "the order in English", p -> p.path("status").asText().equals("Completed"), ORDER);
            assertThat(order.get("refusals").get(0).asText()).contains("more than is due");
            browser.evaluate("(() => { const s = document.getElementById('lang'); s.value = 'zh';"
                    + " s.dispatchEvent(new Event('change')); })()");
            browser.evaluate("document.getElementById('order-close').click()");
            page = await(browser, "the ledger", p -> ids(p).contains(ORDER_ID) && ids(p).contains(ADMINS_ORDER));
            browser.screenshot(Path.of("target", "desk-ledger.png"));

            assertThat(browser.events("Runtime.exceptionThrown")).as("uncaught script errors").isEmpty();
            List<String> requested = browser.events("Network.requestWillBeSent").stream()
                    .map(e -> e.path("request").path("url").asText()).filter(url -> !url.startsWith("data:")).toList();
            assertThat(requested).anyMatch(url -> url.contains("/gateway/v1/orders"))
                    .allSatisfy(url -> assertThat(URI.create(url).getHost()).as(url).isEqualTo("localhost"));
        }
    }

    /** What the page shows of the signed-in key, the ledger and the entry form. */
    private static final String PAGE = """
            (() => ({
              loaded: document.body.dataset.loaded === 'true',
              role: document.getElementById('who').dataset.role || '',
              message: document.getElementById('message').textContent,
              newOrder: !document.getElementById('new-order').hidden,
              rows: [...document.querySelectorAll('#orders tbody tr[data-order]')].map(r => ({ id: r.dataset.order })),
              entryErrors: [...document.querySelectorAll('#entry-form .field-error')].map(e => ({
                field: e.dataset.field, after: e.previousElementSibling?.dataset.field || '' })),
              entryAnswer: document.querySelector('#entry-form .answer')?.textContent || ''
            }))()""";

    /** What the order's page shows, and which action forms it offers. */
    private static final String ORDER = """
            (() => {
              const panel = document.getElementById('order');
              const rows = (id) => [...panel.querySelectorAll('#' + id + ' tbody tr')].map(r => r.textContent);
              return { id: panel.dataset.order || '', status: panel.querySelector('#order-status')?.textContent || '',
                refusals: rows('order-refusals'),
                refusalCodes: [...panel.querySelectorAll('#order-refusals td[data-code]')].map(c => ({ code: c.dataset.code })),
                actions: [...panel.querySelectorAll('form.action')].map(f => ({ action: f.dataset.action })),
                lines: rows('order-lines'), shipments: rows('order-shipments'), payments: rows('order-payments'),
                history: rows('order-history'), text: panel.textContent };
            })()""";

    private static JsonNode await(HeadlessChromium browser, String what, Predicate<JsonNode> condition) {
        return await(browser, what, condition, PAGE);
    }

    private static JsonNode await(HeadlessChromium browser, String what, Predicate<JsonNode> condition, String script) {
        return browser.await(what, script, condition, WAIT);
    }

    private static void set(HeadlessChromium browser, String form, String name, String value) {
        browser.evaluate("(() => { const i = document.querySelector('" + form + "').elements['" + name + "'];"
                + " i.value = '" + value + "'; i.dispatchEvent(new Event('input', { bubbles: true })); })()");
    }

    private static void submit(HeadlessChromium browser, String form) {
        browser.evaluate("document.querySelector('" + form + "').requestSubmit()");
    }

    /** Signs in with {@code key} in the header's form, as a user at a shared desk would. */
    private static void signIn(HeadlessChromium browser, String key) {
        browser.evaluate("(() => { document.getElementById('key').value = '" + key + "';"
                + " document.getElementById('key-form').requestSubmit(); })()");
        String role = key.substring("demo-".length());
        await(browser, "signed in as " + role, p -> p.path("role").asText().equals(role)
                && p.path("loaded").asBoolean() && p.path("message").asText().isEmpty());
    }

    private static List<String> ids(JsonNode page) {
        return page.path("rows").findValuesAsText("id");
    }
}
