package io.orderflow.demo;

import io.orderflow.demo.Customers.Customer;
import io.orderflow.demo.DemoCatalog.Item;
import io.orderflow.demo.OrderPlan.Fate;
import io.orderflow.demo.OrderPlan.Line;
import io.orderflow.demo.OrderPlan.Payment;
import io.orderflow.demo.OrderPlan.Shipment;
import io.orderflow.demo.Requests.QuantityLine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws realistic order plans. The proportions, in percent:
 *
 * <pre>
 * channel    ONLINE 45, PHONE 20, OFFLINE 20, DISTRIBUTOR 15 (distributors and a fifth of store sales: businesses)
 * lines      1: 40, 2: 30, 3: 20, 4: 10; people buy 1-3 of a product, businesses 5-24
 * due        late (yesterday to three days ago, entered late) 15, tomorrow 10, else in 2-7 days
 * fate       cancelled before review 7, after approval 4, returned and accepted 8, return rejected 3, else completed
 * sent back  12 are first returned for changes, then amended and resubmitted
 * partial    20 of the orders with more than one unit ship in two parcels
 * carrier    SF 50 (tracking webhook), YTO 25, JD 25 (delivery confirmed by the warehouse)
 * payment    online card orders pay up front; credit terms leave 15 unpaid; others pay on delivery, 5 never
 * </pre>
 */
public final class OrderPlans {

    static final List<String> CARRIERS = List.of("SF", "YTO", "JD");

    private final Customers customers;
    private final List<Item> items;

    public OrderPlans(Customers customers, List<Item> items) {
        this.customers = customers;
        this.items = List.copyOf(items);
    }

    public OrderPlan next(int number, Random r, LocalDate today) {
        String channel = pick(r, new int[] {45, 20, 20, 15}, "ONLINE", "PHONE", "OFFLINE", "DISTRIBUTOR");
        boolean business = channel.equals("DISTRIBUTOR") || channel.equals("OFFLINE") && r.nextInt(100) < 20;
        Customer customer = business ? customers.business(r) : customers.person(r);
        String method = switch (channel) {
            case "ONLINE" -> r.nextInt(100) < 85 ? "CARD" : "BANK_TRANSFER";
            case "PHONE" -> pick(r, new int[] {50, 20, 30}, "BANK_TRANSFER", "CASH", "CARD");
            case "OFFLINE" -> r.nextInt(100) < 40 ? "CASH" : "CARD";
            default -> r.nextInt(100) < 70 ? "CREDIT_TERMS" : "BANK_TRANSFER";
        };
        Payment payment;
        if (channel.equals("ONLINE") && method.equals("CARD")) {
            payment = Payment.UP_FRONT;
        } else if (method.equals("CREDIT_TERMS")) {
            payment = r.nextInt(100) < 15 ? Payment.NEVER : Payment.ON_DELIVERY;
        } else {
            payment = r.nextInt(100) < 5 ? Payment.NEVER : Payment.ON_DELIVERY;
        }

        int lineCount = Integer.parseInt(pick(r, new int[] {40, 30, 20, 10}, "1", "2", "3", "4"));
        List<Item> pool = new ArrayList<>(items);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < lineCount; i++) {
            Item item = pool.remove(r.nextInt(pool.size()));
            lines.add(new Line(item, business ? 5 + r.nextInt(20) : 1 + r.nextInt(3)));
        }

        int due = r.nextInt(100);
        boolean late = due < 15;
        LocalDate expected = late ? today.minusDays(1 + r.nextInt(3))
                : due < 25 ? today.plusDays(1)
                : today.plusDays(2 + r.nextInt(6));
        LocalDate orderDate = late ? expected.minusDays(2 + r.nextInt(3)) : today;

        int f = r.nextInt(100);
        Fate fate = f < 7 ? Fate.CANCELLED_BEFORE_REVIEW
                : f < 11 ? Fate.CANCELLED_AFTER_APPROVAL
                : f < 19 ? Fate.RETURN_APPROVED
                : f < 22 ? Fate.RETURN_REJECTED
                : Fate.COMPLETED;
        boolean sentBack = r.nextInt(100) < 12;
        String carrier = pick(r, new int[] {50, 25, 25}, CARRIERS.toArray(String[]::new));
        int units = lines.stream().mapToInt(Line::quantity).sum();
        boolean partial = units > 1 && r.nextInt(100) < 20;
        List<Shipment> shipments = partial ? split(lines, carrier, r) : List.of(new Shipment(tracking(carrier, r),
                lines.stream().map(l -> new QuantityLine(l.item().sku(), l.quantity())).toList()));
        boolean delayScan = carrier.equals("SF") && r.nextInt(100) < 15;
        return new OrderPlan(number, channel, customer, method, payment, List.copyOf(lines), orderDate, expected,
                late, fate, sentBack, carrier, shipments, delayScan);
    }

    /** Two parcels: the first half of the lines, then the rest; a single line ships in two halves. */
    private static List<Shipment> split(List<Line> lines, String carrier, Random r) {
        List<QuantityLine> first = new ArrayList<>();
        List<QuantityLine> second = new ArrayList<>();
        if (lines.size() == 1) {
            Line only = lines.get(0);
            int half = only.quantity() / 2;
            first.add(new QuantityLine(only.item().sku(), half));
            second.add(new QuantityLine(only.item().sku(), only.quantity() - half));
        } else {
            int cut = (lines.size() + 1) / 2;
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                (i < cut ? first : second).add(new QuantityLine(l.item().sku(), l.quantity()));
            }
        }
        return List.of(new Shipment(tracking(carrier, r), List.copyOf(first)),
                new Shipment(tracking(carrier, r), List.copyOf(second)));
    }

    private static String tracking(String carrier, Random r) {
        return carrier + String.format("%010d", (long) (r.nextDouble() * 10_000_000_000L));
    }

    private static String pick(Random r, int[] weights, String... values) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
