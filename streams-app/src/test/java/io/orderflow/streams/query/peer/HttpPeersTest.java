package io.orderflow.streams.query.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpPeersTest {

    @Test
    void shouldGiveCallsThatWaitOnThePeerTheLongerTimeout() {
        assertThat(HttpPeers.waits("/v1/orders/O-1?after=order-commands:3:12&timeout=20s", Map.of())).isTrue();
        assertThat(HttpPeers.waits("/v1/orders/O-1?waitFor=DELIVERED", Map.of())).isTrue();
        assertThat(HttpPeers.waits("/v1/stock", Map.of("x-orderflow-consistency", "stock-movements:1:4"))).isTrue();

        assertThat(HttpPeers.waits("/v1/orders/O-1", Map.of("Authorization", "Bearer demo-sales"))).isFalse();
        assertThat(HttpPeers.waits("/v1/orders?status=APPROVED&cursor=after%3DO-9", Map.of())).isFalse();
    }
}
