package io.orderflow.gateway;

import static io.orderflow.api.ApiRole.CARRIERS;
import static io.orderflow.api.ApiRole.CLOSERS;
import static io.orderflow.api.ApiRole.CUSTOMER_KEEPERS;
import static io.orderflow.api.ApiRole.NOTE_TAKERS;
import static io.orderflow.api.ApiRole.ORDER_HANDLERS;
import static io.orderflow.api.ApiRole.ORDER_DESK;
import static io.orderflow.api.ApiRole.REVIEWERS;
import static io.orderflow.api.ApiRole.SERVICE_STAFF;
import static io.orderflow.api.ApiRole.WAREHOUSE_STAFF;
import static io.orderflow.api.ApiRole.roles;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.orderflow.api.ApiException;
import io.orderflow.api.ApiKeys;
import io.orderflow.api.Authentication;
import io.orderflow.api.CommonPool;
import io.orderflow.api.Errors;
import io.orderflow.api.JettyErrors;
import io.orderflow.api.Json;
import io.orderflow.gateway.http.Bodies;
import io.orderflow.gateway.http.CatalogController;
import io.orderflow.gateway.http.CustomerController;
import io.orderflow.gateway.http.ErrorMapper;
import io.orderflow.gateway.http.HealthController;
import io.orderflow.gateway.http.ImportController;
import io.orderflow.gateway.http.OrderController;
import io.orderflow.gateway.http.TrackingController;
import io.orderflow.gateway.kafka.KafkaBackbone;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest gateway: orders from every channel, commands, carrier webhooks and ledger imports, written to Kafka
 * ({@code order-commands}, {@code tracking-scans}, {@code products}, {@code stock-movements}, {@code customers}) and answered
 * {@code 202} only once Kafka has them. {@link #create} builds the unstarted app with every route in one place;
 * {@link #main} owns the runtime.
 *
 * <p>Who may do what (coarse checks, the same role sets as the streams app's transition table; status and
 * four-eyes rules are the streams app's). Platform = an e-commerce platform's key, an order desk like sales.
 * <pre>
 * route                                                    sales platform reviewer warehouse logistics service admin
 * POST /v1/orders, PUT /v1/orders/{id}, submit, cancel,      x      x                                           x
 *   pay, request-return, POST /v1/imports/orders (a ledger with statuses: admin only, ImportService)
 * approve, return, approve-cancel, approve-return,                          x                                   x
 *   reject-return
 * complete, reschedule, hold, release-hold, assign,         x      x       x                                   x
 *   close-short, refund
 * approve-refund, reject-refund                                             x                                   x
 * note                                                       x      x       x         x                 x       x
 * ship, deliver, receive-return                                                     x                           x
 * schedule-service, service-result                                                                      x       x
 * POST /v1/tracking (own carrier, signed)                                                     x
 * PUT /v1/products/{sku}, POST /v1/stock/{sku}/*                                    x                           x
 * PUT /v1/customers/{id} (credit limits, terms: master data)                                                    x
 * GET /v1/imports/{id} (own imports; admin all)              x      x                                           x
 * /health/*, /metrics, /openapi.json                       open
 * </pre>
 * Analysts read through the query API and write nothing here.
 */
public final class GatewayApp {

    static {
        // Before anything else touches the common pool: on 2 cores it would be a thread per async step.
        CommonPool.atLeastTwo();
    }

    private static final Logger log = LoggerFactory.getLogger(GatewayApp.class);
    /** One line per request; written asynchronously (logback.xml). */
    static final Logger ACCESS = LoggerFactory.getLogger("io.orderflow.gateway.access");

    private GatewayApp() {
    }

    public static Javalin create(GatewayServices services) {
        Authentication authentication = Authentication.of(services.apiKeys(), "do this");
        OrderController orders = new OrderController(services.orders());
        TrackingController tracking = new TrackingController(services.partners(), services.orders()::now);
        CatalogController catalog = new CatalogController(services.catalog());
        CustomerController customers = new CustomerController(services.customers());
        ImportController imports = new ImportController(services.imports());
        HealthController health = new HealthController(services.readiness(), services.metrics());

        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            JettyErrors.install(config, Json.mapper());
            config.http.maxRequestSize = ImportController.MAX_IMPORT_BYTES;
            config.http.asyncTimeout = 60_000;
            config.http.prefer405over404 = true;
            config.startup.showJavalinBanner = false;
            config.requestLogger.http((ctx, ms) -> {
                var endpoint = ctx.endpoints().matchedHttpEndpoint();
                String route = endpoint == null ? "unmatched" : endpoint.path;
                services.metrics().request(ctx.method().name(), route, ctx.statusCode(), ms / 1000.0);
                ACCESS.info("{} {} -> {} in {} ms", ctx.method(), route, ctx.statusCode(), Math.round(ms));
            });

            config.routes.beforeMatched(authentication::authenticate);

            config.routes.post("/v1/orders", orders::place, roles(ORDER_DESK));
            config.routes.put("/v1/orders/{id}", orders::amend, roles(ORDER_DESK));
            config.routes.post("/v1/orders/{id}/submit", orders::submit, roles(ORDER_DESK));
            config.routes.post("/v1/orders/{id}/approve", orders::approve, roles(REVIEWERS));
            config.routes.post("/v1/orders/{id}/return", orders::returnForChanges, roles(REVIEWERS));
            config.routes.post("/v1/orders/{id}/cancel", orders::cancel, roles(ORDER_DESK));
            config.routes.post("/v1/orders/{id}/approve-cancel", orders::approveCancel, roles(REVIEWERS));
            config.routes.post("/v1/orders/{id}/ship", orders::ship, roles(WAREHOUSE_STAFF));
            config.routes.post("/v1/orders/{id}/deliver", orders::deliver, roles(WAREHOUSE_STAFF));
            config.routes.post("/v1/orders/{id}/complete", orders::complete, roles(CLOSERS));
            config.routes.post("/v1/orders/{id}/schedule-service", orders::scheduleService, roles(SERVICE_STAFF));
            config.routes.post("/v1/orders/{id}/service-result", orders::serviceResult, roles(SERVICE_STAFF));
            config.routes.post("/v1/orders/{id}/request-return", orders::requestReturn, roles(ORDER_DESK));
            config.routes.post("/v1/orders/{id}/approve-return", orders::approveReturn, roles(REVIEWERS));
            config.routes.post("/v1/orders/{id}/reject-return", orders::rejectReturn, roles(REVIEWERS));
            config.routes.post("/v1/orders/{id}/receive-return", orders::receiveReturn, roles(WAREHOUSE_STAFF));
            config.routes.post("/v1/orders/{id}/pay", orders::pay, roles(ORDER_DESK));
            config.routes.post("/v1/orders/{id}/reschedule", orders::reschedule, roles(ORDER_HANDLERS));
            config.routes.post("/v1/orders/{id}/hold", orders::hold, roles(ORDER_HANDLERS));
            config.routes.post("/v1/orders/{id}/release-hold", orders::releaseHold, roles(ORDER_HANDLERS));
            config.routes.post("/v1/orders/{id}/assign", orders::assign, roles(ORDER_HANDLERS));
            config.routes.post("/v1/orders/{id}/note", orders::note, roles(NOTE_TAKERS));
            config.routes.post("/v1/orders/{id}/close-short", orders::closeShort, roles(CLOSERS));
            config.routes.post("/v1/orders/{id}/refund", orders::refund, roles(ORDER_HANDLERS));
            config.routes.post("/v1/orders/{id}/approve-refund", orders::approveRefund, roles(REVIEWERS));
            config.routes.post("/v1/orders/{id}/reject-refund", orders::rejectRefund, roles(REVIEWERS));

            config.routes.post("/v1/tracking", tracking::scan, roles(CARRIERS));

            config.routes.put("/v1/products/{sku}", catalog::putProduct, roles(WAREHOUSE_STAFF));
            config.routes.post("/v1/stock/{sku}/receipts", catalog::receipt, roles(WAREHOUSE_STAFF));
            config.routes.post("/v1/stock/{sku}/adjustments", catalog::adjustment, roles(WAREHOUSE_STAFF));

            config.routes.put("/v1/customers/{id}", customers::putCustomer, roles(CUSTOMER_KEEPERS));

            config.routes.post("/v1/imports/orders", imports::upload, roles(ORDER_DESK));
            config.routes.get("/v1/imports/{importId}", imports::status, roles(ORDER_DESK));

            config.routes.get("/health/live", health::live);
            config.routes.get("/health/ready", health::ready);
            config.routes.get("/metrics", health::metrics);
            config.routes.get("/openapi.json", health::openApi);

            config.routes.exception(ApiException.class, Errors::api);
            config.routes.exception(HttpResponseException.class, ErrorMapper::http);
            config.routes.exception(CompletionException.class, ErrorMapper::wrapped);
            config.routes.exception(Exception.class, Errors::unexpected);
            config.routes.error(404, Errors::status);
            config.routes.error(405, Errors::status);
        });
    }

    public static void main(String[] args) {
        GatewayConfig config = GatewayConfig.from(System.getenv());
        // no keys at all stops the gateway here, before it connects: it never runs open
        config.keys();
        if (config.demoKeys()) {
            log.warn(ApiKeys.DEMO_KEYS_WARNING);
        }
        KafkaBackbone backbone = KafkaBackbone.start(config);
        Javalin app = create(backbone.services());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            backbone.close();
        }, "gateway-shutdown"));
        app.start(config.port());
        log.info("Ingest gateway listening on port {} (JSON bodies up to {} bytes)", app.port(), Bodies.MAX_JSON_BYTES);
    }
}
