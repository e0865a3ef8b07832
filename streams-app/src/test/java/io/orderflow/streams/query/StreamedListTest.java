package io.orderflow.streams.query;

import static io.orderflow.streams.query.TestCluster.json;
import static io.orderflow.streams.query.TestCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.orderflow.api.Json;
import io.orderflow.avro.Channel;
import io.orderflow.avro.OrderStatus;
import io.orderflow.streams.analytics.CustomerStats;
import io.orderflow.streams.analytics.SalesFigures;
import io.orderflow.streams.query.peer.HttpPeers;
import io.orderflow.streams.query.service.AlertQueries;
import io.orderflow.streams.query.service.Caller;
import io.orderflow.streams.query.service.FanOut;
import io.orderflow.streams.query.service.OrderFilter;
import io.orderflow.streams.query.service.OrderQueries;
import io.orderflow.streams.query.service.PeerQuery;
import io.orderflow.streams.query.service.Peers;
import io.orderflow.streams.query.service.Processed;
import io.orderflow.streams.query.service.Streamed;
import io.orderflow.streams.query.service.Waits;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.StateReader;
import io.orderflow.streams.query.view.Audience;
import io.orderflow.streams.query.view.Views.OrderView;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lists that span instances are read page by page and merged lazily: a page of a partition is
 * asked for only when the rows before it are used, and an export holds exactly the rows the JSON
 * list holds, in the same order, across two instances and many pages.
 */
class StreamedListTest {

    private static final int PAGE = 3;
    private static final int ORDERS = 40;
    private static final HostInfo HERE = new HostInfo("localhost", 2);

    private final TestCluster cluster = new TestCluster(PAGE);

    @BeforeEach
    void twoInstancesWithManyOrders() {
        cluster.state.owners.put(1, cluster.peer);
        for (int i = 0; i < ORDERS; i++) {
            var order = OrderRoutesTest.order("S-" + i, OrderStatus.APPROVED, TestCluster.NOW.minusSeconds(i * 7L % 50),
                    "C" + i % 3, Channel.ONLINE);
            cluster.state.put("orders-store", order.getOrderId(), order);
        }
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void shouldAskForTheNextPageOfAPartitionOnlyWhenItsRowsAreUsedUp() {
        StateReader here = cluster.state.at(HERE);
        AtomicInteger peerPages = new AtomicInteger();
        HttpPeers http = new HttpPeers(Duration.ofMillis(500), Duration.ofSeconds(5), TestCluster.PEER_SECRET);
        Peers counting = new Peers() {
            @Override
            public <A> CompletableFuture<Lookup<A>> ask(HostInfo host, PeerQuery<A> query, Caller caller) {
                if (query instanceof PeerQuery.OrderList) {
                    peerPages.incrementAndGet();
                }
                return http.ask(host, query, caller);
            }
        };
        FanOut fanOut = new FanOut(here, counting, Json.tolerant(), PAGE, Duration.ofSeconds(5));
        OrderQueries orders = new OrderQueries(here, fanOut, new Waits(cluster.scheduler, Duration.ofMillis(25)),
                new Processed(cluster.progress, cluster.scheduler, Duration.ofMillis(50)), new AlertQueries(here, fanOut),
                cluster.clock);
        Caller admin = new Caller(Audience.FULL, null, "demo-admin");

        Lookup<Streamed<OrderView>> found = orders.list(OrderFilter.ALL, admin, Optional.empty(), PAGE).join();
        Streamed<OrderView> rows = ((Lookup.Found<Streamed<OrderView>>) found).value();

        assertThat(rows.pagesFetched()).as("one first page per partition").isEqualTo(2);
        assertThat(peerPages).hasValue(1);
        List<String> seen = new ArrayList<>();
        seen.add(rows.next().orderId());
        assertThat(rows.pagesFetched()).as("nothing more for the first row").isEqualTo(2);
        rows.forEachRemaining(o -> seen.add(o.orderId()));

        assertThat(seen).containsExactlyElementsOf(allIdsNewestFirst());
        int onePartition = count(0);
        int pages = pagesFor(onePartition) + pagesFor(ORDERS - onePartition);
        assertThat(rows.pagesFetched()).isEqualTo(pages);
        assertThat(peerPages).hasValue(pagesFor(ORDERS - onePartition));
        assertThat(rows.mostHeld()).as("at most one page per partition held").isLessThanOrEqualTo(2 * PAGE);
    }

    @Test
    void shouldExportExactlyTheRowsOfTheJsonListInItsOrderAcrossInstancesAndPages() {
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            List<String> json = new ArrayList<>();
            json(cluster.get("/v1/orders?limit=1000", "demo-admin")).get("items")
                    .forEach(o -> json.add(o.get("orderId").asText()));
            assertThat(json).hasSize(ORDERS).containsExactlyElementsOf(allIdsNewestFirst());

            HttpResponse<byte[]> csv = cluster.get("/v1/orders?format=csv", "demo-admin");
            assertThat(csv.statusCode()).isEqualTo(200);
            List<String> lines = Arrays.asList(text(csv).split("\r\n"));
            assertThat(lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList())
                    .containsExactlyElementsOf(json);

            List<String> cells = Workbooks.cells(cluster.get("/v1/orders?format=xlsx", "demo-admin").body());
            assertThat(cells.stream().filter(c -> c.startsWith("S-")).toList()).containsExactlyElementsOf(json);

            List<String> csvPage = Arrays.asList(text(cluster.get("/v1/orders?format=csv&limit=7&status=APPROVED",
                    "demo-admin")).split("\r\n"));
            assertThat(csvPage).hasSize(8);
            assertThat(csvPage.get(7)).startsWith(json.get(6) + ",");
        });
    }

    @Test
    void shouldStreamAReportOfMorePagesThanOneWithTheRowsOfItsJson() {
        for (int i = 0; i < 17; i++) {
            cluster.state.put("report-customers", "K" + i, new CustomerStats(new SalesFigures(i % 4 + 1, i, new BigDecimal(i % 5 + ".50")), null, null));
        }
        JavalinTest.test(cluster.app(), (server, client) -> {
            cluster.at(server.port());
            JsonNode items = json(cluster.get("/v1/reports/customers", "demo-analyst")).get("items");
            assertThat(items).hasSize(17);
            List<String> fromJson = new ArrayList<>();
            items.forEach(c -> fromJson.add(c.get("customerId").asText() + "," + c.get("orders").asLong() + ","
                    + c.get("units").asLong() + "," + c.get("revenue").decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString()));
            for (int i = 1; i < items.size(); i++) {
                assertThat(items.get(i - 1).get("revenue").decimalValue())
                        .isGreaterThanOrEqualTo(items.get(i).get("revenue").decimalValue());
            }
            List<String> lines = Arrays.asList(text(cluster.get("/v1/reports/customers?format=csv", "demo-analyst"))
                    .split("\r\n"));
            assertThat(lines.subList(1, lines.size()).stream()
                    .map(l -> String.join(",", Arrays.asList(l.split(",")).subList(0, 4))).toList())
                    .containsExactlyElementsOf(fromJson);
        });
    }

    private List<String> allIdsNewestFirst() {
        Map<String, Long> createdAt = new HashMap<>();
        for (int i = 0; i < ORDERS; i++) {
            createdAt.put("S-" + i, TestCluster.NOW.minusSeconds(i * 7L % 50).toEpochMilli());
        }
        return createdAt.keySet().stream()
                .sorted(java.util.Comparator.comparing((String id) -> createdAt.get(id)).reversed()
                        .thenComparing(java.util.Comparator.reverseOrder()))
                .toList();
    }

    private static int count(int partition) {
        int n = 0;
        for (int i = 0; i < ORDERS; i++) {
            if (InMemoryState.partitionOf("orders-store", "S-" + i) == partition) {
                n++;
            }
        }
        return n;
    }

    /** A partition of n rows takes ceil(n / PAGE) pages, and one more (empty) when its last page was full. */
    private static int pagesFor(int rows) {
        return rows / PAGE + 1;
    }
}
