package io.orderflow.streams.analytics;

import io.orderflow.avro.AnalyticsCancellations;
import io.orderflow.avro.AnalyticsCountedLine;
import io.orderflow.avro.AnalyticsCustomerStats;
import io.orderflow.avro.AnalyticsCycleTimes;
import io.orderflow.avro.AnalyticsFulfilment;
import io.orderflow.avro.AnalyticsHistogramBucket;
import io.orderflow.avro.AnalyticsOrderLedger;
import io.orderflow.avro.AnalyticsSalesFigures;
import io.orderflow.serde.AvroSerde;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.serde.WireFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serdes of the analytics' store values: Avro in Confluent's wire format, through the schema
 * registry, as the order and stock state are (internal records {@code Analytics*} of the schemas
 * module). The values stay Java records at work (immutable, with their sums and derived figures,
 * which {@link Remembered} and the query API rely on) and are copied to and from their Avro records
 * here, at the store boundary: a few field copies, far cheaper than the JSON they replace.
 *
 * <p>Values written before are still read, told apart by their first byte: Avro starts with
 * Confluent's magic byte 0, JSON with {@code '{'}, and sales figures in their earlier binary
 * format with 1. A value read in an older format is written back as Avro the next time it changes.
 */
final class AnalyticsSerdes {

    /** The first byte of {@link SalesFigures} in the binary format that preceded Avro. */
    private static final byte SALES_FIGURES_FORMAT_1 = 1;

    private final SchemaRegistryClient registry;
    /** The analytics' zone: a customer's first and last order written as approval times are read as their dates. */
    private final ZoneId zone;

    /**
     * Serdes whose schemas are registered in {@code registry} (under each changelog's value subject); times
     * written by earlier releases where dates are read now are taken as their dates in {@code zone}.
     */
    AnalyticsSerdes(SchemaRegistryClient registry, ZoneId zone) {
        this.registry = registry;
        this.zone = zone;
    }

    /**
     * Sales figures, the analytics' most frequent value (some twenty written per approval): Avro with the
     * {@code AnalyticsSalesFigures} schema, as every store value, but its three longs written and read here
     * directly rather than through Avro's generic writer and reader, which took several times as long. The
     * bytes are those Avro's writer gives (a test holds them to it); a value under another schema id (a later
     * version of the schema) is read through Avro's resolving reader.
     */
    Serde<SalesFigures> salesFigures() {
        Deserializer<SalesFigures> json = OldJson.reader(SalesFigures.class);
        Serde<SalesFigures> general = serde(AnalyticsSalesFigures.class, AnalyticsSerdes::toAvro,
                AnalyticsSerdes::fromAvro, (topic, bytes) -> bytes.length > 0 && bytes[0] == SALES_FIGURES_FORMAT_1
                        ? readFormat1(bytes) : json.deserialize(topic, bytes));
        Map<String, Integer> ids = new ConcurrentHashMap<>();
        Set<Integer> known = ConcurrentHashMap.newKeySet();
        Serializer<SalesFigures> serializer = (topic, figures) -> {
            if (figures == null) {
                return null;
            }
            int id = ids.computeIfAbsent(topic, t -> registry.register(WireFormat.subject(t, false),
                    AnalyticsSalesFigures.SCHEMA$));
            known.add(id);
            ByteBuffer out = ByteBuffer.allocate(WireFormat.HEADER_SIZE + 3 * MAX_VARLONG);
            out.put(WireFormat.MAGIC_BYTE).putInt(id);
            writeLong(out, figures.orders());
            writeLong(out, figures.units());
            writeLong(out, figures.revenue().setScale(2).unscaledValue().longValueExact());
            return Arrays.copyOf(out.array(), out.position());
        };
        Deserializer<SalesFigures> deserializer = (topic, bytes) -> {
            if (bytes != null && bytes.length > WireFormat.HEADER_SIZE && bytes[0] == WireFormat.MAGIC_BYTE
                    && known.contains(ByteBuffer.wrap(bytes, 1, 4).getInt())) {
                ByteBuffer in = ByteBuffer.wrap(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE);
                return new SalesFigures(readLong(in), readLong(in), BigDecimal.valueOf(readLong(in), 2));
            }
            return general.deserializer().deserialize(topic, bytes);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static final int MAX_VARLONG = 10;

    /** Avro's long: zig-zag, then seven bits a byte, low bits first. */
    private static void writeLong(ByteBuffer out, long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.put((byte) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.put((byte) n);
    }

    private static long readLong(ByteBuffer in) {
        long n = 0;
        int shift = 0;
        byte b;
        do {
            if (shift > 63) {
                throw new org.apache.kafka.common.errors.SerializationException("a long of more than 10 bytes");
            }
            b = in.get();
            n |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (n >>> 1) ^ -(n & 1);
    }

    /**
     * A customer's figures with the order dates of their first and last order. Values of earlier releases
     * hold approval times instead (Avro's {@code firstOrderAt}, {@code lastOrderAt}, and so did the JSON):
     * those are read as the dates of those times, the best there is until the customer's next order.
     */
    Serde<CustomerStats> customerStats() {
        Deserializer<CustomerStatsBefore> json = OldJson.reader(CustomerStatsBefore.class);
        return serde(AnalyticsCustomerStats.class,
                stats -> new AnalyticsCustomerStats(toAvro(stats.figures()), null, null, stats.firstOrderDate(),
                        stats.lastOrderDate()),
                avro -> new CustomerStats(fromAvro(avro.getFigures()),
                        orDateOf(avro.getFirstOrderDate(), avro.getFirstOrderAt()),
                        orDateOf(avro.getLastOrderDate(), avro.getLastOrderAt())),
                (topic, bytes) -> {
                    CustomerStatsBefore before = json.deserialize(topic, bytes);
                    return new CustomerStats(before.figures(), orDateOf(null, before.firstOrderAt()),
                            orDateOf(null, before.lastOrderAt()));
                });
    }

    /** A customer's figures as the JSON of earlier releases held them, with approval times. */
    record CustomerStatsBefore(SalesFigures figures, Long firstOrderAt, Long lastOrderAt) {
    }

    private LocalDate orDateOf(LocalDate date, Long epochMillis) {
        return date != null || epochMillis == null ? date : Granularity.localDate(epochMillis, zone);
    }

    Serde<CycleTimes> cycleTimes() {
        return serde(AnalyticsCycleTimes.class, AnalyticsSerdes::toAvro, AnalyticsSerdes::fromAvro,
                OldJson.reader(CycleTimes.class));
    }

    Serde<Fulfilment> fulfilment() {
        return serde(AnalyticsFulfilment.class,
                value -> new AnalyticsFulfilment(value.delivered(), value.onTime(), value.onTimeToFirstPromise()),
                avro -> avro.getOnTimeToFirstPromise() < 0 ? new Fulfilment(avro.getDelivered(), avro.getOnTime())
                        : new Fulfilment(avro.getDelivered(), avro.getOnTime(), avro.getOnTimeToFirstPromise()),
                OldJson.reader(Fulfilment.class));
    }

    Serde<Cancellations> cancellations() {
        return serde(AnalyticsCancellations.class,
                value -> new AnalyticsCancellations(value.placed(), value.cancelled()),
                avro -> new Cancellations(avro.getPlaced(), avro.getCancelled()),
                OldJson.reader(Cancellations.class));
    }

    Serde<OrderLedger> orderLedger() {
        return serde(AnalyticsOrderLedger.class, AnalyticsSerdes::toAvro, AnalyticsSerdes::fromAvro,
                OldJson.reader(OrderLedger.class));
    }

    /**
     * Writes {@code T} as its Avro record {@code A}; reads Avro back, and anything else with {@code before}
     * (the format that preceded Avro). Null stays null: a tombstone.
     */
    private <T, A> Serde<T> serde(Class<A> avroType, Function<T, A> toAvro, Function<A, T> fromAvro,
                                  Deserializer<T> before) {
        Serde<A> avro = AvroSerde.specific(avroType, registry, false);
        Serializer<A> avroWriter = avro.serializer();
        Deserializer<A> avroReader = avro.deserializer();
        Serializer<T> serializer = (topic, value) -> value == null ? null : avroWriter.serialize(topic, toAvro.apply(value));
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == WireFormat.MAGIC_BYTE) {
                return fromAvro.apply(avroReader.deserialize(topic, bytes));
            }
            return before.deserialize(topic, bytes);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static AnalyticsSalesFigures toAvro(SalesFigures figures) {
        // SalesFigures keeps its revenue at scale 2, so the unscaled value is the revenue in cents.
        return new AnalyticsSalesFigures(figures.orders(), figures.units(),
                figures.revenue().unscaledValue().longValueExact());
    }

    private static SalesFigures fromAvro(AnalyticsSalesFigures avro) {
        return new SalesFigures(avro.getOrders(), avro.getUnits(), BigDecimal.valueOf(avro.getRevenueCents(), 2));
    }

    private static AnalyticsCycleTimes toAvro(CycleTimes times) {
        List<AnalyticsHistogramBucket> buckets = new ArrayList<>(times.histogram().size());
        times.histogram().forEach((upper, count) -> buckets.add(new AnalyticsHistogramBucket(upper, count)));
        return new AnalyticsCycleTimes(times.count(), times.totalMillis(), buckets);
    }

    private static CycleTimes fromAvro(AnalyticsCycleTimes avro) {
        TreeMap<Long, Long> histogram = new TreeMap<>();
        for (AnalyticsHistogramBucket bucket : avro.getHistogram()) {
            histogram.put(bucket.getUpperMillis(), bucket.getCount());
        }
        return new CycleTimes(avro.getCount(), avro.getTotalMillis(), histogram);
    }

    private static AnalyticsOrderLedger toAvro(OrderLedger ledger) {
        List<AnalyticsCountedLine> lines = new ArrayList<>(ledger.lines.size());
        for (OrderLedger.CountedLine line : ledger.lines) {
            lines.add(new AnalyticsCountedLine(line.sku(), line.category(), line.quantity(),
                    money(line.unitPrice()), money(line.amount())));
        }
        return new AnalyticsOrderLedger(ledger.counted, ledger.cancelled, ledger.approvedAt, ledger.shippedAt,
                ledger.channel, ledger.customerId, lines, ledger.returned, ledger.bookedOn, ledger.currency);
    }

    private static OrderLedger fromAvro(AnalyticsOrderLedger avro) {
        OrderLedger ledger = new OrderLedger();
        ledger.counted = avro.getCounted();
        ledger.cancelled = avro.getCancelled();
        ledger.approvedAt = avro.getApprovedAt();
        ledger.shippedAt = avro.getShippedAt();
        ledger.channel = avro.getChannel();
        ledger.customerId = avro.getCustomerId();
        List<OrderLedger.CountedLine> lines = new ArrayList<>(avro.getLines().size());
        for (AnalyticsCountedLine line : avro.getLines()) {
            lines.add(new OrderLedger.CountedLine(line.getSku(), line.getCategory(), line.getQuantity(),
                    line.getUnitPrice(), line.getAmount()));
        }
        ledger.lines = lines;
        ledger.returned = new HashMap<>(avro.getReturned());
        ledger.bookedOn = avro.getBookedOn();
        ledger.currency = avro.getCurrency();
        return ledger;
    }

    /** An amount at the schema's scale; one read from JSON keeps the scale it was written with. */
    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Format 1: the format byte, orders and units as 8-byte longs, the revenue's unscaled value (scale 2). */
    private static SalesFigures readFormat1(byte[] bytes) {
        if (bytes.length <= 1 + 2 * Long.BYTES) {
            throw new SerializationException("not a sales figure: " + bytes.length + " bytes in format 1");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        long orders = buffer.getLong();
        long units = buffer.getLong();
        byte[] revenue = new byte[buffer.remaining()];
        buffer.get(revenue);
        return new SalesFigures(orders, units, new BigDecimal(new BigInteger(revenue), 2));
    }
}
