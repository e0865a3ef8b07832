package io.orderflow.streams.query.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.streams.query.service.OrderFilter;
import io.orderflow.streams.query.service.OrderKey;
import io.orderflow.streams.query.service.PeerQuery;
import io.orderflow.streams.query.state.ConsistencyToken;
import io.orderflow.streams.query.state.PeerSecret;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpPeersTest {

    private final HttpPeers peers = new HttpPeers(Duration.ofSeconds(1), Duration.ofSeconds(10), PeerSecret.unshared());

    @Test
    void shouldGiveAQuestionThatWaitsOnThePeerTheLongestWaitOnTop() {
        OrderKey afterWrite = OrderKey.of("O-1", ConsistencyToken.parse("order-commands:3:12"), Optional.empty(),
                Duration.ofSeconds(20));
        OrderKey status = OrderKey.of("O-1", Optional.empty(), Optional.of("DELIVERED"), Duration.ofSeconds(5));
        OrderKey plain = OrderKey.of("O-1", Optional.empty(), Optional.empty(), Duration.ofSeconds(5));

        assertThat(peers.timeoutOf(new PeerQuery.OneOrder(afterWrite))).isEqualTo(Duration.ofSeconds(40));
        assertThat(peers.timeoutOf(new PeerQuery.OrderHistory(status))).isEqualTo(Duration.ofSeconds(40));
        assertThat(peers.timeoutOf(new PeerQuery.OneOrder(plain))).isEqualTo(Duration.ofSeconds(10));
        assertThat(peers.timeoutOf(new PeerQuery.OrderList(OrderFilter.ALL, PeerQuery.Slices.whole(true))))
                .isEqualTo(Duration.ofSeconds(10));
    }
}
