package io.orderflow.streams.query.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import io.orderflow.api.ApiRole;
import io.orderflow.api.Authentication;
import io.orderflow.api.Json;
import io.orderflow.api.Principal;
import io.orderflow.streams.query.http.Answers;
import io.orderflow.streams.query.http.Callers;
import io.orderflow.streams.query.http.Outcomes;
import io.orderflow.streams.query.service.PeerQuery;
import io.orderflow.streams.query.service.QueryException;
import io.orderflow.streams.query.state.PeerSecret;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The answering side of the peer protocol, its one route: {@code POST} {@value #PATH} with a {@link PeerQuery} as
 * JSON (its {@code kind} and parameters), answered from this instance's own state only, never passed on. Before
 * anything else a call proves it comes from an instance of this deployment ({@link PeerSecret}); it then carries the
 * API key of the client it asks for, whose role must be one the public routes allow for that kind of question, and
 * whose restrictions (masking, a platform's own orders) the answer applies as those routes do. So this route reads no
 * more than the public routes with the same key, and nothing without the secret.
 *
 * <p>Found 200 (the kind's answer, a standby's lag in {@value Outcomes#STANDBY_LAG}), not found 404, not ready 503
 * with Retry-After; an unknown kind or a malformed question 400 naming what is wrong.
 */
public final class PeerController {

    /** Where instances ask each other. */
    public static final String PATH = "/internal/v1/query";

    /** Every role of the contract: any known key is checked further, per kind. */
    public static final Set<ApiRole> CALLERS = Set.of(ApiRole.values());

    private static final Map<Class<?>, Set<ApiRole>> ASKED_BY = Map.ofEntries(
            Map.entry(PeerQuery.OneOrder.class, ApiRole.ONE_ORDER),
            Map.entry(PeerQuery.OrderHistory.class, ApiRole.ORDERS),
            Map.entry(PeerQuery.OrderAlerts.class, ApiRole.ORDER_READERS),
            Map.entry(PeerQuery.OrderRefusals.class, ApiRole.STAFF),
            Map.entry(PeerQuery.OrderList.class, ApiRole.ORDERS),
            Map.entry(PeerQuery.ArchiveMonth.class, ApiRole.ORDERS),
            Map.entry(PeerQuery.OneStock.class, ApiRole.STAFF),
            Map.entry(PeerQuery.StockList.class, ApiRole.STAFF),
            Map.entry(PeerQuery.AlertList.class, ApiRole.STAFF),
            Map.entry(PeerQuery.SalesList.class, ApiRole.ANALYTICS),
            Map.entry(PeerQuery.MonthlyReport.class, ApiRole.ANALYTICS),
            Map.entry(PeerQuery.FulfilmentReport.class, ApiRole.ANALYTICS),
            Map.entry(PeerQuery.CustomersReport.class, ApiRole.ANALYTICS),
            Map.entry(PeerQuery.CycleTimesReport.class, ApiRole.ANALYTICS),
            Map.entry(PeerQuery.ReceivablesReport.class, ApiRole.ANALYTICS),
            Map.entry(PeerQuery.CancellationsReport.class, ApiRole.ANALYTICS));

    private final PeerSecret secret;
    private final PeerQuery.Here here;
    private final ObjectMapper json = Json.tolerant();

    public PeerController(PeerSecret secret, PeerQuery.Here here) {
        this.secret = secret;
        this.here = here;
    }

    /** Refuses a call without the deployment's secret, 403 naming the header, before its key or body is read. */
    public void check(Context ctx) {
        if (!secret.matches(ctx.header(PeerSecret.HEADER))) {
            throw new QueryException.Forbidden(PATH + " is for the instances of this deployment only: "
                    + PeerSecret.HEADER + " is missing or wrong");
        }
    }

    public void answer(Context ctx) {
        PeerQuery<?> query = read(ctx.bodyAsBytes());
        Principal principal = Authentication.principal(ctx);
        if (!ApiRole.allows(ASKED_BY.getOrDefault(query.getClass(), Set.of()), principal.role())) {
            throw new QueryException.Forbidden("role " + principal.role().name().toLowerCase(Locale.ROOT)
                    + " may not read " + PeerQuery.kindOf(query));
        }
        Answers.keyed(ctx, query.answer(here, Callers.of(ctx)), PeerQuery.kindOf(query),
                CompletableFuture::completedFuture);
    }

    private PeerQuery<?> read(byte[] body) {
        try {
            return json.readValue(body, PeerQuery.class);
        } catch (InvalidTypeIdException e) {
            throw new QueryException.Invalid("kind", (e.getTypeId() == null ? "missing" : "no kind '" + e.getTypeId() + "'")
                    + "; one of " + String.join(", ", PeerQuery.kinds()));
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof QueryException refused) {
                throw refused;
            }
            throw new QueryException.Invalid("body", e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new QueryException.Invalid("body", e.getOriginalMessage());
        } catch (IOException e) {
            throw new QueryException.Invalid("body", "unreadable: " + e.getMessage());
        }
    }
}
