package io.orderflow.streams.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.serde.InMemorySchemaRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analytics' store values written as Avro and read back, and the values of earlier releases
 * (JSON as Jackson wrote it from the fields; sales figures in binary format 1), byte for byte as
 * those releases wrote them, read as the same values.
 */
class AnalyticsSerdesTest {

    private static final String CHANGELOG = "orderflow-report-customers-changelog";

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AnalyticsSerdes serdes = new AnalyticsSerdes(registry, ZONE);

    @ParameterizedTest
    @CsvSource({"0, 0, 0.00", "1, 3, 37.50", "-2, -5, -1234.56", "9223372036854775807, 1, 92233720368547758.07",
            "3, 1, 0.01", "1, 1, -0.01"})
    void shouldReadBackSalesFiguresAsWritten(long orders, long units, String revenue) {
        SalesFigures figures = new SalesFigures(orders, units, new BigDecimal(revenue));

        SalesFigures read = roundTrip(serdes.salesFigures(), figures);

        assertThat(read).isEqualTo(figures);
        assertThat(read.revenue().scale()).isEqualTo(2);
    }

    /** The hand-written sales figures are the bytes Avro's own writer gives, and read as Avro's reader reads. */
    @Test
    void shouldWriteAndReadSalesFiguresAsAvrosOwnWriterAndReaderDo() {
        InMemorySchemaRegistry shared = new InMemorySchemaRegistry();
        org.apache.kafka.common.serialization.Serde<SalesFigures> fast = new AnalyticsSerdes(shared, ZONE).salesFigures();
        org.apache.kafka.common.serialization.Serde<io.orderflow.avro.AnalyticsSalesFigures> avro =
                io.orderflow.serde.AvroSerde.specific(io.orderflow.avro.AnalyticsSalesFigures.class, shared, false);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            long orders = i % 3 == 0 ? random.nextLong() : random.nextLong(-5, 5);
            long units = i % 5 == 0 ? Long.MIN_VALUE + random.nextLong(0, 3) : random.nextLong(-100_000, 100_000);
            long cents = i % 7 == 0 ? Long.MAX_VALUE - random.nextLong(0, 3) : random.nextLong(-10_000_000, 10_000_000);
            SalesFigures figures = new SalesFigures(orders, units, java.math.BigDecimal.valueOf(cents, 2));

            byte[] written = fast.serializer().serialize("t-changelog", figures);

            assertThat(written).isEqualTo(avro.serializer().serialize("t-changelog",
                    new io.orderflow.avro.AnalyticsSalesFigures(orders, units, cents)));
            assertThat(fast.deserializer().deserialize("t-changelog", written)).isEqualTo(figures);
            assertThat(new AnalyticsSerdes(shared, ZONE).salesFigures().deserializer().deserialize("t-changelog", written))
                    .as("read through Avro's reader by a serde that wrote nothing yet").isEqualTo(figures);
        }
    }

    @Test
    void shouldReadBackCustomerStatsAsWritten() {
        CustomerStats stats = new CustomerStats(new SalesFigures(2, 5, new BigDecimal("61.00")),
                LocalDate.of(2023, 3, 31), LocalDate.of(2026, 12, 1));
        CustomerStats none = new CustomerStats(SalesFigures.ZERO, null, null);

        assertThat(roundTrip(serdes.customerStats(), stats)).isEqualTo(stats);
        assertThat(roundTrip(serdes.customerStats(), none)).isEqualTo(none);
    }

    @Test
    void shouldReadTheApprovalTimesOfCustomerStatsFromBeforeOrderDatesAsTheirDatesInTheZone() {
        // 2026-10-26T17:00Z and 2026-10-27T16:30Z: the 27th and 28th in Shanghai, not UTC's 26th and 27th
        byte[] before = io.orderflow.serde.AvroSerde.specific(io.orderflow.avro.AnalyticsCustomerStats.class, registry,
                false).serializer().serialize(CHANGELOG, new io.orderflow.avro.AnalyticsCustomerStats(
                        new io.orderflow.avro.AnalyticsSalesFigures(2L, 5L, 6100L), 1_793_034_000_000L,
                        1_793_118_600_000L, null, null));

        assertThat(read(serdes.customerStats(), before)).isEqualTo(new CustomerStats(
                new SalesFigures(2, 5, new BigDecimal("61.00")), LocalDate.of(2026, 10, 27), LocalDate.of(2026, 10, 28)));
    }

    @Test
    void shouldReadBackCycleTimesWithTheirHistogramAsWritten() {
        CycleTimes times = CycleTimes.EMPTY.add(500).add(1234).add(98_765).add(98_765);

        CycleTimes read = roundTrip(serdes.cycleTimes(), times);

        assertThat(read).isEqualTo(times);
        assertThat(read.p90()).isEqualTo(times.p90());
        assertThat(roundTrip(serdes.cycleTimes(), CycleTimes.EMPTY)).isEqualTo(CycleTimes.EMPTY);
    }

    @Test
    void shouldReadBackFulfilmentAndCancellationsAsWritten() {
        assertThat(roundTrip(serdes.fulfilment(), new Fulfilment(3, 2))).isEqualTo(new Fulfilment(3, 2));
        assertThat(roundTrip(serdes.cancellations(), new Cancellations(5, 1))).isEqualTo(new Cancellations(5, 1));
    }

    @Test
    void shouldReadBackAnOrderLedgerAsWritten() {
        OrderLedger ledger = ledger();
        ledger.shippedAt = 1_793_000_500_000L;
        ledger.cancelled = true;

        assertThat(roundTrip(serdes.orderLedger(), ledger)).usingRecursiveComparison().isEqualTo(ledger);
        assertThat(roundTrip(serdes.orderLedger(), new OrderLedger())).usingRecursiveComparison()
                .isEqualTo(new OrderLedger());
    }

    @Test
    void shouldWriteAvroInConfluentsWireFormatUnderTheChangelogsSubject() {
        byte[] bytes = serdes.salesFigures().serializer().serialize(CHANGELOG, SalesFigures.ZERO);

        assertThat(bytes[0]).isZero();
        assertThat(registry.subjects()).containsOnlyKeys(CHANGELOG + "-value");
        assertThat(registry.subjects().get(CHANGELOG + "-value").get(0).getName()).isEqualTo("AnalyticsSalesFigures");
    }

    @Test
    void shouldKeepTombstonesNull() {
        assertThat(serdes.customerStats().serializer().serialize(CHANGELOG, null)).isNull();
        assertThat(serdes.customerStats().deserializer().deserialize(CHANGELOG, null)).isNull();
    }

    @Test
    void shouldReadSalesFiguresInBinaryFormat1() {
        assertThat(read(serdes.salesFigures(), HexFormat.of().parseHex("0100000000000000040000000000000007226a")))
                .isEqualTo(new SalesFigures(4, 7, new BigDecimal("88.10")));
        assertThat(read(serdes.salesFigures(), HexFormat.of().parseHex("01fffffffffffffffefffffffffffffffbfe1dc0")))
                .isEqualTo(new SalesFigures(-2, -5, new BigDecimal("-1234.56")));
    }

    @Test
    void shouldReadValuesStoredAsJson() {
        assertThat(read(serdes.salesFigures(), json("{\"orders\":4,\"units\":7,\"revenue\":88.10}")))
                .isEqualTo(new SalesFigures(4, 7, new BigDecimal("88.10")));
        assertThat(read(serdes.customerStats(), json("{\"figures\":{\"orders\":2,\"units\":5,\"revenue\":61.00},"
                + "\"firstOrderAt\":1793000000000,\"lastOrderAt\":1793100000000}")))
                .isEqualTo(new CustomerStats(new SalesFigures(2, 5, new BigDecimal("61.00")), LocalDate.of(2026, 10, 26),
                        LocalDate.of(2026, 10, 27)));
        assertThat(read(serdes.cycleTimes(), json(
                "{\"count\":3,\"totalMillis\":100499,\"histogram\":{\"500\":1,\"1240\":1,\"98800\":1}}")))
                .isEqualTo(CycleTimes.EMPTY.add(1234).add(98_765).add(500));
        assertThat(read(serdes.fulfilment(), json("{\"delivered\":3,\"onTime\":2}"))).isEqualTo(new Fulfilment(3, 2));
        assertThat(read(serdes.cancellations(), json("{\"placed\":5,\"cancelled\":1}")))
                .isEqualTo(new Cancellations(5, 1));
        assertThat(read(serdes.orderLedger(), json("{\"counted\":true,\"cancelled\":false,\"approvedAt\":1793000000000,"
                + "\"shippedAt\":null,\"channel\":\"WEB\",\"customerId\":\"C1\",\"lines\":[{\"sku\":\"TEA-1\","
                + "\"category\":\"tea\",\"quantity\":3,\"unitPrice\":12.50,\"amount\":37.50}],\"returned\":{\"TEA-1\":1}}")))
                .usingRecursiveComparison().isEqualTo(ledger());
    }

    @Test
    void shouldReadALedgerFromBeforePlacementAndDeliveryWereDropped() {
        OrderLedger read = read(serdes.orderLedger(), json("{\"counted\":false,\"cancelled\":false,\"placed\":true,"
                + "\"delivered\":false,\"approvedAt\":null,\"shippedAt\":null,\"channel\":null,\"customerId\":null,"
                + "\"lines\":[],\"returned\":{}}"));

        assertThat(read).usingRecursiveComparison().isEqualTo(new OrderLedger());
    }

    @Test
    void shouldWriteAValueReadFromJsonBackAsAvro() {
        Serde<OrderLedger> serde = serdes.orderLedger();
        OrderLedger old = read(serde, json("{\"counted\":true,\"cancelled\":false,\"approvedAt\":1793000000000,"
                + "\"lines\":[{\"sku\":\"TEA-1\",\"category\":\"tea\",\"quantity\":2,\"unitPrice\":12.5,"
                + "\"amount\":25}],\"returned\":{}}"));

        byte[] bytes = serde.serializer().serialize(CHANGELOG, old);

        assertThat(bytes[0]).isZero();
        assertThat(read(serde, bytes).lines).containsExactly(
                new OrderLedger.CountedLine("TEA-1", "tea", 2, new BigDecimal("12.50"), new BigDecimal("25.00")));
    }

    @Test
    void shouldRefuseBytesOfNoKnownFormat() {
        assertThatThrownBy(() -> read(serdes.fulfilment(), json("[1,2]")))
                .isInstanceOf(SerializationException.class).hasMessageContaining("neither Avro nor JSON");
        assertThatThrownBy(() -> read(serdes.salesFigures(), new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a sales figure");
    }

    private static OrderLedger ledger() {
        OrderLedger ledger = new OrderLedger();
        ledger.counted = true;
        ledger.approvedAt = 1_793_000_000_000L;
        ledger.channel = "WEB";
        ledger.customerId = "C1";
        ledger.lines = new ArrayList<>(List.of(
                new OrderLedger.CountedLine("TEA-1", "tea", 3, new BigDecimal("12.50"), new BigDecimal("37.50"))));
        ledger.returned = new HashMap<>(Map.of("TEA-1", 1));
        return ledger;
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize(CHANGELOG, value);
        assertThat(bytes[0]).as("Confluent's magic byte").isZero();
        return read(serde, bytes);
    }

    private static <T> T read(Serde<T> serde, byte[] bytes) {
        return serde.deserializer().deserialize(CHANGELOG, bytes);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
