package io.orderflow.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.orderflow.api.Authentication;
import io.orderflow.gateway.api.OrderRequests;
import io.orderflow.gateway.api.RequestReader;
import io.orderflow.gateway.service.OrderService;
import java.util.function.Function;

/** {@code POST /v1/orders}, {@code PUT /v1/orders/{id}} and {@code POST /v1/orders/{id}/<action>}. */
public final class OrderController {

    private final OrderService orders;

    public OrderController(OrderService orders) {
        this.orders = orders;
    }

    public void place(Context ctx) {
        JsonNode body = Bodies.json(ctx);
        OrderRequests.OrderBody order = RequestReader.placeOrder(body);
        Answers.accepted(ctx, orders.place(Authentication.principal(ctx), order, Bodies.meta(ctx, body)));
    }

    public void amend(Context ctx) {
        command(ctx, RequestReader::amend);
    }

    public void submit(Context ctx) {
        command(ctx, RequestReader::submit);
    }

    public void approve(Context ctx) {
        command(ctx, RequestReader::approve);
    }

    public void returnForChanges(Context ctx) {
        command(ctx, RequestReader::returnForChanges);
    }

    public void cancel(Context ctx) {
        command(ctx, RequestReader::cancel);
    }

    public void approveCancel(Context ctx) {
        command(ctx, RequestReader::approveCancel);
    }

    public void ship(Context ctx) {
        command(ctx, RequestReader::ship);
    }

    public void deliver(Context ctx) {
        command(ctx, body -> RequestReader.deliver(body, orders.now()));
    }

    public void complete(Context ctx) {
        command(ctx, RequestReader::complete);
    }

    public void scheduleService(Context ctx) {
        command(ctx, RequestReader::scheduleService);
    }

    public void serviceResult(Context ctx) {
        command(ctx, RequestReader::serviceResult);
    }

    public void requestReturn(Context ctx) {
        command(ctx, RequestReader::requestReturn);
    }

    public void approveReturn(Context ctx) {
        command(ctx, RequestReader::approveReturn);
    }

    public void rejectReturn(Context ctx) {
        command(ctx, RequestReader::rejectReturn);
    }

    public void receiveReturn(Context ctx) {
        command(ctx, RequestReader::receiveReturn);
    }

    public void pay(Context ctx) {
        command(ctx, RequestReader::pay);
    }

    public void reschedule(Context ctx) {
        command(ctx, RequestReader::reschedule);
    }

    public void hold(Context ctx) {
        command(ctx, RequestReader::hold);
    }

    public void releaseHold(Context ctx) {
        command(ctx, RequestReader::releaseHold);
    }

    public void assign(Context ctx) {
        command(ctx, RequestReader::assign);
    }

    public void note(Context ctx) {
        command(ctx, RequestReader::note);
    }

    public void closeShort(Context ctx) {
        command(ctx, RequestReader::closeShort);
    }

    public void refund(Context ctx) {
        command(ctx, RequestReader::refund);
    }

    public void approveRefund(Context ctx) {
        command(ctx, RequestReader::approveRefund);
    }

    public void rejectRefund(Context ctx) {
        command(ctx, RequestReader::rejectRefund);
    }

    private void command(Context ctx, Function<JsonNode, ? extends OrderRequests.Command> reader) {
        String orderId = RequestReader.pathId("id", ctx.pathParam("id"));
        JsonNode body = Bodies.json(ctx);
        OrderRequests.Command command = reader.apply(body);
        Answers.accepted(ctx, orders.command(Authentication.principal(ctx), orderId, command, Bodies.meta(ctx, body)));
    }
}
