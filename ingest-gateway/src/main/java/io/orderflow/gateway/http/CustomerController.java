package io.orderflow.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.orderflow.api.Authentication;
import io.orderflow.gateway.api.RequestReader;
import io.orderflow.gateway.service.CustomerService;

/** {@code PUT /v1/customers/{id}}: a customer's name, class, contact, default payment terms and credit limit. */
public final class CustomerController {

    private final CustomerService customers;

    public CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    public void putCustomer(Context ctx) {
        String customerId = RequestReader.pathId("id", ctx.pathParam("id"));
        JsonNode body = Bodies.json(ctx);
        Answers.accepted(ctx, customers.putCustomer(Authentication.principal(ctx), customerId,
                RequestReader.customerRecord(body), Bodies.meta(ctx, body)));
    }
}
