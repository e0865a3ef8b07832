package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.service.CustomerQueries;
import io.orderflow.streams.query.service.QueryException;

/**
 * {@code GET /v1/customers/{id}} and {@code GET /v1/customers}: the customer records with their history and open
 * receivables, personal data masked by role as on orders. Read from global stores: any instance answers at once.
 */
public final class CustomerController {

    private final CustomerQueries customers;

    public CustomerController(CustomerQueries customers) {
        this.customers = customers;
    }

    public void customer(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(customers.customer(id, Callers.of(ctx))
                .orElseThrow(() -> new QueryException.NotFound("no customer record " + id)));
    }

    public void list(Context ctx) {
        ctx.json(ListBody.of(customers.customers(Callers.of(ctx))));
    }
}
