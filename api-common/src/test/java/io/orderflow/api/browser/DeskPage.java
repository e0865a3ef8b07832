package io.orderflow.api.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The order desk's page (streams-app's dashboard) as the browser tests read and drive it in a {@link HeadlessChromium}:
 * what the page shows ({@link #PAGE}, {@link #ORDER}, read as JSON), and a user's moves (typing into a form, sending
 * it, signing in with another key). Shared by the streams app's desk tests and the e2e test against the whole stack.
 */
public final class DeskPage {

    /** What the page shows of the signed-in key, the ledger and the entry form. */
    public static final String PAGE = """
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

    /**
     * What the order's page shows: its id and status, the refusal that came live and the refusals kept with it (their
     * codes apart), which action forms it offers, its lines, shipments, payments and history as the rows' text.
     */
    public static final String ORDER = """
            (() => {
              const panel = document.getElementById('order');
              const rows = (id) => [...panel.querySelectorAll('#' + id + ' tbody tr')].map(r => r.textContent);
              return { id: panel.dataset.order || '', status: panel.querySelector('#order-status')?.textContent || '',
                refusal: panel.querySelector('#order-refusal')?.textContent || '',
                refusalCode: panel.querySelector('#order-refusal')?.dataset.code || '', refusals: rows('order-refusals'),
                refusalCodes: [...panel.querySelectorAll('#order-refusals td[data-code]')].map(c => ({ code: c.dataset.code })),
                actions: [...panel.querySelectorAll('form.action')].map(f => ({ action: f.dataset.action })),
                lines: rows('order-lines'), shipments: rows('order-shipments'), payments: rows('order-payments'),
                history: rows('order-history'), text: panel.textContent };
            })()""";

    private final HeadlessChromium browser;
    private final Duration timeout;

    /** The page open in {@code browser}; a wait for what it shows gives up after {@code timeout}. */
    public DeskPage(HeadlessChromium browser, Duration timeout) {
        this.browser = browser;
        this.timeout = timeout;
    }

    /** Waits until {@link #PAGE} meets {@code condition}; what it read then. */
    public JsonNode await(String what, Predicate<JsonNode> condition) {
        return await(what, condition, PAGE);
    }

    /** Waits until {@code script} ({@link #PAGE}, {@link #ORDER}) meets {@code condition}; what it read then. */
    public JsonNode await(String what, Predicate<JsonNode> condition, String script) {
        return browser.await(what, script, condition, timeout);
    }

    /** Types {@code value} into the field {@code name} of {@code form} (a selector), as a user would. */
    public void set(String form, String name, String value) {
        browser.evaluate("(() => { const i = document.querySelector('" + form + "').elements['" + name + "'];"
                + " i.value = '" + value + "'; i.dispatchEvent(new Event('input', { bubbles: true })); })()");
    }

    /** Sends {@code form} (a selector), as its submit button would. */
    public void submit(String form) {
        browser.evaluate("document.querySelector('" + form + "').requestSubmit()");
    }

    /**
     * Signs in with {@code key} (a demo key) in the header's form, as a user at a shared desk would, and waits until the
     * page stands for its role with no complaint about what the role may not read (a warehouse key reads no sales).
     */
    public void signIn(String key) {
        browser.evaluate("(() => { document.getElementById('key').value = '" + key + "';"
                + " document.getElementById('key-form').requestSubmit(); })()");
        String role = key.substring("demo-".length());
        await("signed in as " + role, page -> page.path("role").asText().equals(role)
                && page.path("loaded").asBoolean() && page.path("message").asText().isEmpty());
    }

    /** The amount the entry form worked out for its first line, as shown. */
    public String entryAmount() {
        return browser.evaluate("document.querySelector('#entry-form [data-amount]').textContent").asText();
    }

    /** The order ids of the ledger's rows, as {@link #PAGE} read them. */
    public static List<String> ids(JsonNode page) {
        return page.path("rows").findValuesAsText("id");
    }
}
