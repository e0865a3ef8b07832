package io.orderflow.demo;

import io.orderflow.api.DemoKeys;
import io.orderflow.demo.OrderPlan.Fate;
import io.orderflow.demo.OrderPlan.Payment;
import io.orderflow.demo.OrderPlan.Shipment;
import io.orderflow.demo.Requests.CustomerBody;
import io.orderflow.demo.Requests.LineBody;
import io.orderflow.demo.Requests.OrderBody;
import io.orderflow.demo.Requests.QuantityLine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An {@link OrderPlan} as the requests that carry it out, each by the post that does it in real life: sales
 * places, amends, cancels, pays, completes and asks for returns; the reviewer (never the order's creator: four
 * eyes) approves, returns for changes, approves cancellations and decides returns; the warehouse ships, confirms
 * delivery of YTO and JD parcels and receives returned goods; SF reports its own parcels through the signed
 * tracking webhook. Every request has an Idempotency-Key of the run, the order's number and the step, so a retry
 * is applied once.
 */
public final class OrderSteps {

    static final Set<String> CANCELLABLE =
            Set.of("PENDING_REVIEW", "RETURNED", "AWAITING_STOCK", "APPROVED", "PARTIALLY_SHIPPED");
    static final Set<String> ON_THE_WAY = Set.of("SHIPPED", "IN_TRANSIT");
    static final Set<String> ANY = Set.of();

    private final String runId;
    private final Clock clock;

    public OrderSteps(String runId, Clock clock) {
        this.runId = runId;
        this.clock = clock;
    }

    public List<Step> of(OrderPlan plan) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Action.PLACE, ANY, id -> Call.post(Action.PLACE, "/v1/orders", DemoKeys.SALES,
                key(plan, "place"), GatewayClient.json(order(plan, plan.notesOnPlacing())))));
        if (plan.payment() == Payment.UP_FRONT) {
            steps.add(pay(plan, ANY));
        }
        if (plan.sentBack()) {
            steps.add(command(plan, Action.RETURN_FOR_CHANGES, Set.of("PENDING_REVIEW"), DemoKeys.REVIEWER, "return",
                    new Requests.Reason("请确认交货日期与包装要求 please confirm delivery date and packaging")));
            steps.add(new Step(Action.AMEND, Set.of("RETURNED"), id -> Call.put(Action.AMEND, "/v1/orders/" + id,
                    DemoKeys.SALES, key(plan, "amend"), GatewayClient.json(order(plan, "加固包装 reinforced packaging")))));
            steps.add(command(plan, Action.SUBMIT, Set.of("RETURNED"), DemoKeys.SALES, "submit",
                    new Requests.Note("已按审核意见修改 amended as asked")));
        }
        if (plan.fate() == Fate.CANCELLED_BEFORE_REVIEW) {
            steps.add(command(plan, Action.CANCEL, Set.of("PENDING_REVIEW", "RETURNED"), DemoKeys.SALES, "cancel",
                    new Requests.Reason("客户取消 customer changed their mind")));
            steps.add(command(plan, Action.APPROVE_CANCEL, CANCELLABLE, DemoKeys.REVIEWER, "approve-cancel",
                    new Requests.Note("同意取消 cancellation approved")));
            return List.copyOf(steps);
        }
        steps.add(command(plan, Action.APPROVE, Set.of("PENDING_REVIEW"), DemoKeys.REVIEWER, "approve",
                new Requests.Note("审核通过 approved")));
        if (plan.fate() == Fate.CANCELLED_AFTER_APPROVAL) {
            steps.add(command(plan, Action.CANCEL, Set.of("APPROVED", "AWAITING_STOCK"), DemoKeys.SALES, "cancel",
                    new Requests.Reason("客户要求取消，已找到其他货源 customer sourced elsewhere")));
            steps.add(command(plan, Action.APPROVE_CANCEL, CANCELLABLE, DemoKeys.REVIEWER, "approve-cancel",
                    new Requests.Note("同意取消，释放库存 approved, stock released")));
            return List.copyOf(steps);
        }
        List<Shipment> shipments = plan.shipments();
        for (int i = 0; i < shipments.size(); i++) {
            Shipment s = shipments.get(i);
            String name = "ship-" + (i + 1);
            steps.add(command(plan, Action.SHIP, Set.of(i == 0 ? "APPROVED" : "PARTIALLY_SHIPPED"), DemoKeys.WAREHOUSE,
                    "ship", name, new Requests.ShipBody(runId + "-" + plan.number() + "-" + name, s.lines(),
                            plan.carrier(), s.trackingNumber())));
        }
        if (plan.bySf()) {
            for (Shipment s : shipments) {
                scans(plan, s, steps);
            }
        } else {
            steps.add(new Step(Action.DELIVER, ON_THE_WAY, id -> Call.post(Action.DELIVER,
                    "/v1/orders/" + id + "/deliver", DemoKeys.WAREHOUSE, key(plan, "deliver"),
                    GatewayClient.json(new Requests.DeliverBody(clock.instant(), "客户已签收 signed for")))));
        }
        if (plan.payment() == Payment.ON_DELIVERY) {
            steps.add(pay(plan, Set.of("DELIVERED")));
        }
        if (plan.payment() != Payment.NEVER) {
            steps.add(command(plan, Action.COMPLETE, Set.of("DELIVERED"), DemoKeys.SALES, "complete",
                    new Requests.Note("已收款，订单关闭 paid and closed")));
        }
        if (plan.fate() == Fate.RETURN_APPROVED || plan.fate() == Fate.RETURN_REJECTED) {
            QuantityLine first = new QuantityLine(plan.lines().get(0).item().sku(),
                    Math.min(2, plan.lines().get(0).quantity()));
            steps.add(command(plan, Action.REQUEST_RETURN, Set.of("DELIVERED", "COMPLETED"), DemoKeys.SALES,
                    "request-return", new Requests.ReturnRequestBody(
                            plan.fate() == Fate.RETURN_APPROVED ? "商品破损 damaged in transit" : "不想要了 no longer wanted",
                            List.of(first))));
            if (plan.fate() == Fate.RETURN_APPROVED) {
                steps.add(command(plan, Action.APPROVE_RETURN, Set.of("RETURN_REQUESTED"), DemoKeys.REVIEWER,
                        "approve-return", new Requests.Reason("运输破损，同意退货 damaged, return accepted")));
                steps.add(command(plan, Action.RECEIVE_RETURN, Set.of("RETURN_APPROVED"), DemoKeys.WAREHOUSE,
                        "receive-return", new Requests.ReceiveReturnBody(List.of(first), "退货入库 back in stock")));
            } else {
                steps.add(command(plan, Action.REJECT_RETURN, Set.of("RETURN_REQUESTED"), DemoKeys.REVIEWER,
                        "reject-return", new Requests.Reason("超过七天无理由退货期 past the 7-day return window")));
            }
        }
        return List.copyOf(steps);
    }

    /** SF's scans of one parcel, signed with SF's webhook secret over the exact bytes sent. */
    private void scans(OrderPlan plan, Shipment parcel, List<Step> steps) {
        List<String[]> route = new ArrayList<>();
        route.add(new String[] {"PICKED_UP", "深圳宝安揽收点 Shenzhen Bao'an"});
        route.add(new String[] {"IN_TRANSIT", "杭州转运中心 Hangzhou hub"});
        if (plan.delayScan()) {
            route.add(new String[] {"DELAYED", "杭州转运中心 Hangzhou hub (weather)"});
        }
        route.add(new String[] {"OUT_FOR_DELIVERY", "上海浦东营业部 Shanghai Pudong station"});
        route.add(new String[] {"DELIVERED", "上海浦东营业部 Shanghai Pudong station"});
        for (String[] scan : route) {
            String status = scan[0];
            String eventId = runId + "-" + parcel.trackingNumber() + "-" + status;
            steps.add(new Step(Action.TRACKING_SCAN, ON_THE_WAY, id -> {
                byte[] body = GatewayClient.json(new Requests.TrackingBody(plan.carrier(), parcel.trackingNumber(),
                        status, clock.instant(), scan[1], eventId));
                return Call.post(Action.TRACKING_SCAN, "/v1/tracking", DemoKeys.LOGISTICS_SF, null, body)
                        .withHeader(Signatures.HEADER, Signatures.sign(DemoKeys.SF_WEBHOOK_SECRET, body));
            }));
        }
    }

    private Step pay(OrderPlan plan, Set<String> readyWhen) {
        return command(plan, Action.PAY, readyWhen, DemoKeys.SALES, "pay", new Requests.PayBody(
                plan.total().toPlainString(), plan.paymentMethod(), "PAY-" + runId + "-" + plan.number()));
    }

    private Step command(OrderPlan plan, Action action, Set<String> readyWhen, String apiKey, String route,
            Object body) {
        return command(plan, action, readyWhen, apiKey, route, route, body);
    }

    private Step command(OrderPlan plan, Action action, Set<String> readyWhen, String apiKey, String route,
            String name, Object body) {
        Function<String, Call> call = id -> Call.post(action, "/v1/orders/" + id + "/" + route, apiKey,
                key(plan, name), GatewayClient.json(body));
        return new Step(action, readyWhen, call);
    }

    private String key(OrderPlan plan, String step) {
        return runId + "-" + plan.number() + "-" + step;
    }

    private static OrderBody order(OrderPlan plan, String notes) {
        var c = plan.customer();
        List<LineBody> lines = plan.lines().stream().map(l -> new LineBody(l.item().sku(), l.item().name(),
                l.item().spec(), l.quantity(), l.item().unitPrice().toPlainString(), l.amount().toPlainString()))
                .toList();
        return new OrderBody(plan.channel(), plan.orderDate(), plan.expectedDelivery(),
                new CustomerBody(c.id(), c.name(), c.contactName(), c.phone(), c.address()), plan.paymentMethod(),
                notes, lines);
    }
}
