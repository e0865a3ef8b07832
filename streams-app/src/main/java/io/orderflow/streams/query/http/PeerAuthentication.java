package io.orderflow.streams.query.http;

import io.javalin.http.Context;
import io.orderflow.streams.query.service.QueryException;
import io.orderflow.streams.query.state.PeerSecret;
import io.orderflow.streams.query.state.Peers;
import java.util.List;

/**
 * The peer protocol is for the instances of this deployment only: a request carrying any of its headers
 * ({@value Peers#LOCAL}, {@value Peers#STANDBY}, the page headers) without the deployment's
 * {@value PeerSecret#HEADER} is refused, 403 naming the header, before it is read. A client cannot make an
 * instance answer from its own state only, skip a wait for a write or page a list as it likes.
 */
public final class PeerAuthentication {

    static final List<String> HEADERS = List.of(Peers.LOCAL, Peers.STANDBY, Peers.PAGE_SIZE, Peers.PAGE_AFTER,
            Peers.PAGE_PARTITIONS);

    private final PeerSecret secret;

    public PeerAuthentication(PeerSecret secret) {
        this.secret = secret;
    }

    public void check(Context ctx) {
        for (String name : HEADERS) {
            if (ctx.header(name) != null) {
                if (!secret.matches(ctx.header(PeerSecret.HEADER))) {
                    throw new QueryException.Forbidden(name + " is for the instances of this deployment only");
                }
                return;
            }
        }
    }
}
