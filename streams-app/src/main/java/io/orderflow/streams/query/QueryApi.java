package io.orderflow.streams.query;

import static io.orderflow.api.ApiRole.ANALYTICS;
import static io.orderflow.api.ApiRole.ONE_ORDER;
import static io.orderflow.api.ApiRole.OPERATIONS;
import static io.orderflow.api.ApiRole.ORDERS;
import static io.orderflow.api.ApiRole.STAFF;
import static io.orderflow.api.ApiRole.roles;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.orderflow.api.ApiException;
import io.orderflow.api.ApiRole;
import io.orderflow.api.Authentication;
import io.orderflow.api.Errors;
import io.orderflow.api.JettyErrors;
import io.orderflow.api.Json;
import io.orderflow.streams.query.http.AlertController;
import io.orderflow.streams.query.http.AnalyticsController;
import io.orderflow.streams.query.http.Answers;
import io.orderflow.streams.query.http.Callers;
import io.orderflow.streams.query.http.CustomerController;
import io.orderflow.streams.query.http.ErrorMapper;
import io.orderflow.streams.query.http.GatewayController;
import io.orderflow.streams.query.http.OpsController;
import io.orderflow.streams.query.http.OrderController;
import io.orderflow.streams.query.http.StockController;
import io.orderflow.streams.query.http.StreamController;
import io.orderflow.streams.query.peer.PeerController;
import io.orderflow.streams.query.service.CustomerQueries;
import io.orderflow.streams.query.service.PeerQuery;
import io.orderflow.streams.query.state.ConsistencyToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The live query API and the dashboard: every route in one place, on the unstarted app
 * {@link #create} returns.
 *
 * <p>Who may read what (the gateway's API keys; personal data masked for analyst, logistics and
 * platform; a platform reads only the orders it placed itself, another's order is a 404):
 * <pre>
 * route                                           sales reviewer warehouse service analyst admin logistics platform
 * GET /v1/orders/{id}                               x      x        x        x       x      x      x        own
 * GET /v1/orders/{id}/history, /v1/orders           x      x        x        x       x      x               own
 * GET /v1/archive                                   x      x        x        x       x      x               own
 * GET /v1/stock/{sku}, /v1/stock, /v1/alerts        x      x        x        x       x      x
 * GET /v1/orders/{id}/refusals                      x      x        x        x       x      x
 * GET /v1/stream (also ?key=)                       x      x        x        x       x      x
 * GET /v1/sales, /v1/reports/*                      x      x                         x      x
 * GET /v1/customers/{id}, /v1/customers            x      x                         x      x
 * GET /v1/instances                                                                  x      x
 * GET /v1/me                                        x      x        x        x       x      x      x        x
 * GET /v1/products                                  x      x        x        x       x      x               x
 * POST, PUT /gateway/v1/orders...                   x      x        x        x              x               x
 * POST /gateway/v1/stock/{sku}/receipts|adjustments               x                      x
 * /, /health/*, /metrics, /openapi.json           open
 * </pre>
 * {@code /gateway/v1/orders...} relays the order desk's commands to the ingest gateway ({@link GatewayController}),
 * so that the page reaches both APIs from the one origin that served it.
 * Other instances ask {@code POST /internal/v1/query} ({@link PeerController}): with the deployment's peer secret
 * and a client's key, for what that key may read above.
 */
public final class QueryApi {

    /** Who may send the order desk's commands through this API; the gateway then judges each by its own route. */
    private static final Set<ApiRole> DESK_COMMANDS = Set.of(ApiRole.SALES, ApiRole.PLATFORM, ApiRole.REVIEWER,
        ApiRole.WAREHOUSE, ApiRole.SERVICE, ApiRole.ADMIN);
    /** Who may send stock receipts and stocktake adjustments through this API: the gateway's own set. */
    private static final Set<ApiRole> STOCK_COMMANDS = ApiRole.WAREHOUSE_STAFF;

    private QueryApi() {
    }

    /** The app on the port Javalin takes when it starts. */
    public static Javalin create(QueryServices services) {
        return create(null, services);
    }

    /**
     * The app serving on {@code listener}, a port already taken (null: the port Javalin takes when it starts), so
     * that the port is known before the app starts: QUERY_PORT=0, a free port, told to the other instances.
     */
    public static Javalin create(ServerSocketChannel listener, QueryServices services) {
        Authentication authentication = Authentication.of(services.apiKeys(), "read this")
                .keyParameterOn(StreamController.PATH);
        Answers answers = new Answers(services.streaming(), services.pageSize(), services.processed());
        OrderController orders = new OrderController(services.orders(), answers);
        StockController stock = new StockController(services.stock(), answers);
        CustomerController customers = new CustomerController(new CustomerQueries(services.state()));
        AlertController alerts = new AlertController(services.alerts(), answers);
        AnalyticsController analytics = new AnalyticsController(services.analytics(), answers, services.clock());
        StreamController stream = new StreamController(services.feed(), services.clock());
        GatewayController gateway = new GatewayController(services.gateway());
        OpsController ops = new OpsController(services.streamsState(), services.state(), services.metrics());
        PeerController peers = new PeerController(services.peerSecret(),
                new PeerQuery.Here(services.orders(), services.stock(), services.alerts(), services.analytics()));

        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.tolerant(), false));
            JettyErrors.install(config, Json.tolerant());
            if (listener != null) {
                config.jetty.addConnector((server, http) -> connector(server, http, listener));
            }
            config.http.asyncTimeout = 60_000;
            config.http.prefer405over404 = true;
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
            });
            config.requestLogger.http((ctx, ms) -> {
                var endpoint = ctx.endpoints().matchedHttpEndpoint();
                services.metrics().request(ctx.method().name(), endpoint == null ? "unmatched" : endpoint.path,
                        ctx.statusCode(), ms);
            });

            // The peer secret first: a call without it learns nothing, not even whether its key is known.
            config.routes.beforeMatched(PeerController.PATH, peers::check);
            config.routes.beforeMatched(authentication::authenticate);
            config.routes.beforeMatched(StreamController.PATH, stream::check);

            config.routes.get("/v1/orders/{id}", orders::order, roles(ONE_ORDER));
            config.routes.get("/v1/orders/{id}/history", orders::history, roles(ORDERS));
            config.routes.get("/v1/orders/{id}/refusals", orders::refusals, roles(STAFF));
            config.routes.get("/v1/orders", orders::list, roles(ORDERS));
            config.routes.get("/v1/archive", orders::archive, roles(ORDERS));
            config.routes.get("/v1/stock/{sku}", stock::sku, roles(STAFF));
            config.routes.get("/v1/stock", stock::list, roles(STAFF));
            config.routes.get("/v1/products", stock::products, roles(ORDERS));
            config.routes.get("/v1/customers/{id}", customers::customer, roles(ApiRole.CUSTOMER_READERS));
            config.routes.get("/v1/customers", customers::list, roles(ApiRole.CUSTOMER_READERS));
            config.routes.get("/v1/alerts", alerts::list, roles(STAFF));
            config.routes.sse(StreamController.PATH, stream::stream, roles(STAFF));

            config.routes.get("/v1/sales", analytics::sales, roles(ANALYTICS));
            config.routes.get("/v1/reports/monthly", analytics::monthly, roles(ANALYTICS));
            config.routes.get("/v1/reports/fulfilment", analytics::fulfilment, roles(ANALYTICS));
            config.routes.get("/v1/reports/customers", analytics::customers, roles(ANALYTICS));
            config.routes.get("/v1/reports/cycle-times", analytics::cycleTimes, roles(ANALYTICS));
            config.routes.get("/v1/reports/receivables", analytics::receivables, roles(ANALYTICS));
            config.routes.get("/v1/reports/cancellations", analytics::cancellations, roles(ANALYTICS));

            config.routes.get("/v1/me", Callers::me, roles(ONE_ORDER));
            config.routes.post(GatewayController.PREFIX + "/v1/orders", gateway::relay, roles(DESK_COMMANDS));
            config.routes.put(GatewayController.PREFIX + "/v1/orders/{id}", gateway::relay, roles(DESK_COMMANDS));
            config.routes.post(GatewayController.PREFIX + "/v1/orders/{id}/{action}", gateway::relay,
                    roles(DESK_COMMANDS));
            config.routes.post(GatewayController.PREFIX + "/v1/stock/{sku}/{movement}", gateway::relay,
                    roles(STOCK_COMMANDS));

            config.routes.get("/v1/instances", ops::instances, roles(OPERATIONS));
            config.routes.get("/health/live", ops::live);
            config.routes.get("/health/ready", ops::ready);
            config.routes.get("/metrics", ops::metrics);
            config.routes.get("/openapi.json", ops::openApi);

            config.routes.post(PeerController.PATH, peers::answer, roles(PeerController.CALLERS));

            config.routes.exception(ApiException.class, Errors::api);
            config.routes.exception(ConsistencyToken.NoSuchPartition.class, ErrorMapper::token);
            config.routes.exception(HttpResponseException.class, Errors::http);
            config.routes.exception(CompletionException.class, ErrorMapper::wrapped);
            config.routes.exception(Exception.class, Errors::unexpected);
            config.routes.error(404, Errors::status);
            config.routes.error(405, Errors::status);
        });
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, ServerSocketChannel listener) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        try {
            connector.open(listener);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve on the query API's port", e);
        }
        return connector;
    }
}
