package io.orderflow.streams.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SalesFiguresSerdeTest {

    private final Serde<SalesFigures> serde = SalesFiguresSerde.serde();

    @ParameterizedTest
    @CsvSource({"0, 0, 0.00", "1, 3, 37.50", "-2, -5, -1234.56", "9223372036854775807, 1, 99999999999999999999999.99",
            "3, 1, 0.01", "1, 1, -0.01"})
    void shouldReadBackWhatItWrote(long orders, long units, String revenue) {
        SalesFigures figures = new SalesFigures(orders, units, new BigDecimal(revenue));

        SalesFigures read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", figures));

        assertThat(read).isEqualTo(figures);
        assertThat(read.revenue().scale()).isEqualTo(2);
    }

    @Test
    void shouldStillReadFiguresStoredAsJson() {
        byte[] json = JsonSerde.of(SalesFigures.class).serializer()
                .serialize("t", new SalesFigures(4, 7, new BigDecimal("88.10")));

        assertThat(serde.deserializer().deserialize("t", json))
                .isEqualTo(new SalesFigures(4, 7, new BigDecimal("88.10")));
    }

    @Test
    void shouldRefuseBytesOfAnotherFormat() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a sales figure");
    }
}
