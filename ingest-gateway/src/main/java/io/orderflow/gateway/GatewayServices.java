package io.orderflow.gateway;

import io.orderflow.api.ApiKeys;
import io.orderflow.gateway.service.CatalogService;
import io.orderflow.gateway.service.CustomerService;
import io.orderflow.gateway.service.ImportService;
import io.orderflow.gateway.service.Metrics;
import io.orderflow.gateway.service.OrderService;
import io.orderflow.gateway.service.PartnerService;
import io.orderflow.gateway.service.Readiness;

/** What the HTTP layer needs: Kafka-backed in production, stubbed in the routes tests. */
public record GatewayServices(
        ApiKeys apiKeys,
        OrderService orders,
        PartnerService partners,
        CatalogService catalog,
        CustomerService customers,
        ImportService imports,
        Readiness readiness,
        Metrics metrics) {
}
