package io.orderflow.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.Channel;
import io.orderflow.avro.HoldReason;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.Role;
import io.orderflow.streams.order.Action;
import io.orderflow.streams.order.Refusals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The order desk's dictionary ({@code dashboard/i18n.json}): every label the page shows and every code it
 * translates (statuses, channels, payment, roles, history actions, alert types, hold reasons, refusal codes) in both
 * Chinese and English, and the statuses under the names the source documents use.
 */
class DeskDictionaryTest {

    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    private static JsonNode dictionary() throws IOException {
        try (InputStream in = resource("i18n.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DeskDictionaryTest.class.getResourceAsStream("/dashboard/" + name);
        assertThat(in).as(name + " on the classpath").isNotNull();
        return in;
    }

    private static String text(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldHoldEveryEntryInChineseAndEnglish() throws IOException {
        JsonNode words = dictionary();
        assertThat(words.size()).isGreaterThan(100);
        words.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            assertThat(value.path("en").asText()).as(entry.getKey() + " in English").isNotBlank();
            assertThat(value.path("zh").asText()).as(entry.getKey() + " in Chinese").isNotBlank();
            assertThat(CHINESE.matcher(value.path("zh").asText()).find()).as(entry.getKey() + " in Chinese characters")
                    .isTrue();
            assertThat(CHINESE.matcher(value.path("en").asText()).find()).as(entry.getKey() + " in English is not Chinese")
                    .isFalse();
            assertThat(value.size()).as(entry.getKey() + " has exactly the two languages").isEqualTo(2);
        });
    }

    @Test
    void shouldTranslateEveryCodeTheApiAnswers() throws IOException {
        JsonNode words = dictionary();
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> codes = new java.util.HashMap<>(Map.of(
                "status", names(OrderStatus.values()),
                "channel", names(Channel.values()),
                "payment", names(PaymentStatus.values()),
                "paymentMethod", names(PaymentMethod.values()),
                "role", names(Role.values()),
                "alert", names(AlertType.values()),
                "action", Arrays.stream(Action.values()).map(Action::label).toList(),
                "class", names(io.orderflow.streams.analytics.CustomerClass.values()),
                "stage", List.of(io.orderflow.streams.analytics.CycleTimes.ORDER_TO_APPROVAL,
                        io.orderflow.streams.analytics.CycleTimes.APPROVAL_TO_SHIPMENT,
                        io.orderflow.streams.analytics.CycleTimes.SHIPMENT_TO_DELIVERY)));
        codes.put("hold", names(HoldReason.values()));
        codes.put("refusal", refusalCodes());
        codes.forEach((kind, values) -> values.stream().map(v -> kind + "." + v).filter(k -> !words.has(k))
                .forEach(missing::add));
        assertThat(missing).as("codes without a translation").isEmpty();
    }

    @Test
    void shouldNameStatusesAsTheSourceDocumentsDo() throws IOException {
        JsonNode words = dictionary();
        Map<OrderStatus, String> source = Map.of(
                OrderStatus.PENDING_REVIEW, "待审核", OrderStatus.APPROVED, "已审核", OrderStatus.SHIPPED, "已发货",
                OrderStatus.IN_TRANSIT, "运输中", OrderStatus.DELIVERED, "已送达", OrderStatus.COMPLETED, "已完成",
                OrderStatus.CANCELLED, "已取消");
        source.forEach((status, chinese) ->
                assertThat(words.path("status." + status).path("zh").asText()).as(status.name()).isEqualTo(chinese));
        assertThat(words.path("payment.PAID").path("zh").asText()).isEqualTo("已付款");
        List<String> columns = List.of("col.orderId", "col.customer", "col.product", "col.quantity", "col.amount",
                "col.status", "col.expected", "col.delivered", "col.owner", "col.updated");
        assertThat(columns.stream().map(c -> words.path(c).path("zh").asText()).toList())
                .containsExactly("订单编号", "客户名称", "商品名称", "数量", "金额", "状态", "预计交付", "实际交付", "负责人", "更新时间");
    }

    @Test
    void shouldDefineEveryKeyThePageAndItsScriptUse() throws IOException {
        JsonNode words = dictionary();
        Set<String> used = new TreeSet<>();
        collect(Pattern.compile("data-i18n(?:-placeholder)?=\"([^\"]+)\""), text("index.html"), used);
        String script = text("dashboard.js");
        collect(Pattern.compile("\\bt\\('([^']+)'\\)"), script, used);
        collect(Pattern.compile("\\[\\['([a-z]+\\.[A-Za-z]+)'"), script, used);
        collect(Pattern.compile("(?<=[\\[,]\\s?)\\['([a-z]+\\.[A-Za-z]+)'(?:, 'num')?\\]"), script, used);
        collect(Pattern.compile("field\\('([^']+)'"), script, used);
        Set<String> forms = new TreeSet<>();
        collect(Pattern.compile("(?:input|select)\\('([^']+)'"), script, forms);
        forms.forEach(name -> used.add("form." + name));
        // every action form (the keys of actionForm's fields: "approve: () => [", "'schedule-service': () => [")
        Set<String> actions = new TreeSet<>();
        collect(Pattern.compile("(?m)^\\s{6}'?([a-z][a-z-]*)'?: \\(\\) => \\["), script, actions);
        assertThat(actions).contains("approve", "ship", "pay", "schedule-service", "receive-return");
        actions.forEach(action -> used.add("do." + action));
        used.add("do.place");
        // every report's columns and dimensions (REPORTS: "columns: ['month', ...], by: ['customer', ...]")
        Matcher lists = Pattern.compile("(columns|by): \\[([^\\]]*)\\]").matcher(script);
        while (lists.find()) {
            String prefix = lists.group(1).equals("columns") ? "rep." : "by.";
            collect(Pattern.compile("'([A-Za-z0-9-]+)'"), lists.group(2), used, prefix);
        }
        assertThat(used).contains("rep.revenue", "rep.p90Millis", "by.carrier");
        for (String state : List.of("on", "off", "reconnecting")) {
            used.add("live." + state);
        }
        assertThat(used).hasSizeGreaterThan(60);
        assertThat(used.stream().filter(k -> !words.has(k)).toList()).as("keys used but not defined").isEmpty();
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        collect(pattern, text, into, "");
    }

    private static void collect(Pattern pattern, String text, Set<String> into, String prefix) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(prefix + m.group(1));
        }
    }

    /** Every reason code of {@link Refusals}, as the refusals on an order's page carry them. */
    private static List<String> refusalCodes() {
        List<String> codes = Arrays.stream(Refusals.class.getFields())
                .filter(f -> java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        assertThat(codes).contains(Refusals.FOUR_EYES, Refusals.ON_HOLD);
        return codes;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
