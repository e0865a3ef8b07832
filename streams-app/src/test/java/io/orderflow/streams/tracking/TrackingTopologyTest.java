package io.orderflow.streams.tracking;

import static io.orderflow.streams.Commands.CARRIER_SF;
import static io.orderflow.streams.Commands.CARRIER_YTO;
import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.scan;
import static io.orderflow.streams.Commands.ship;
import static io.orderflow.streams.Commands.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.TrackingStatus;
import io.orderflow.streams.Pipeline;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackingTopologyTest {

    @TempDir
    Path stateDir;

    private Pipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.receive("A", 10);
        pipeline.send("O-1", SALES, place(line("A", 4, "1.00")));
        pipeline.send("O-1", REVIEWER, approve());
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private OrderStatus status() {
        return pipeline.order("O-1").getStatus();
    }

    @Test
    void shouldDeliverAnOrderOfTwoParcelsOnlyWhenBothAreDelivered() {
        pipeline.send("O-1", WAREHOUSE, ship("SF", "P-1", units("A", 2)));
        pipeline.scan(scan("e-1", CARRIER_SF, "SF", "P-1", TrackingStatus.PICKED_UP, pipeline.now()));
        assertThat(status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        pipeline.send("O-1", WAREHOUSE, ship("YTO", "P-2", units("A", 2)));
        assertThat(status()).isEqualTo(OrderStatus.SHIPPED);

        pipeline.scan(scan("e-2", CARRIER_SF, "SF", "P-1", TrackingStatus.DELIVERED, pipeline.now()));
        assertThat(status()).isEqualTo(OrderStatus.IN_TRANSIT);

        pipeline.scan(scan("e-3", CARRIER_YTO, "YTO", "P-2", TrackingStatus.DELIVERED, pipeline.now()));
        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.getShipments()).extracting(Shipment::getDeliveredAt).doesNotContainNull();
        assertThat(order.getShipments().get(0).getLastScanLocation()).isEqualTo("Shanghai hub");
    }

    @Test
    void shouldApplyEveryHeldScanOfAParcelInArrivalOrderOnceItShips() {
        pipeline.scan(scan("e-1", CARRIER_SF, "SF", "P-1", TrackingStatus.PICKED_UP, pipeline.now()));
        pipeline.scan(scan("e-2", CARRIER_SF, "SF", "P-1", TrackingStatus.DELIVERED, pipeline.now()));
        assertThat(status()).isEqualTo(OrderStatus.APPROVED);

        pipeline.send("O-1", WAREHOUSE, ship("SF", "P-1", units("A", 4)));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.getHistory()).extracting(entry -> entry.getToStatus()).endsWith(
                OrderStatus.SHIPPED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED);
        assertThat(pipeline.refusals()).isEmpty();
    }

    @Test
    void shouldKeepTheLatestScanWhenScansArriveOutOfOrder() {
        pipeline.send("O-1", WAREHOUSE, ship("SF", "P-1", units("A", 4)));
        pipeline.scan(scan("e-2", CARRIER_SF, "SF", "P-1", TrackingStatus.OUT_FOR_DELIVERY,
                pipeline.now().plusSeconds(3600)));
        pipeline.scan(scan("e-1", CARRIER_SF, "SF", "P-1", TrackingStatus.PICKED_UP, pipeline.now()));

        Shipment shipment = pipeline.order("O-1").getShipments().get(0);
        assertThat(shipment.getLastScanStatus()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(status()).isEqualTo(OrderStatus.IN_TRANSIT);
    }
}
