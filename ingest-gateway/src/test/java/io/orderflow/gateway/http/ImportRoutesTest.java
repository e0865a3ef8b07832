package io.orderflow.gateway.http;

import static io.orderflow.gateway.http.Requests.header;
import static io.orderflow.gateway.http.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.orderflow.avro.ImportOrder;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Role;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.gateway.TestGateway;
import io.orderflow.gateway.ledger.LedgerReaderTest;
import io.orderflow.gateway.ledger.Workbooks;
import io.orderflow.gateway.ledger.XlsxReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ImportRoutesTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final TestGateway gateway = new TestGateway();

    private static Response upload(HttpClient client, String key, byte[] file, String contentType) {
        return client.request("/v1/imports/orders", b -> b.post(BodyPublishers.ofByteArray(file))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + key));
    }

    private static Response status(HttpClient client, String key, String url) {
        return client.request(url, b -> b.get().header("Authorization", "Bearer " + key));
    }

    /**
     * A workbook of {@code sheets} worksheets that each unpack to {@code bytesPerSheet} bytes of blanks: about a
     * thousandth of that on the wire, so it passes the upload limit and only unpacking could tell its size.
     */
    private static byte[] zipBomb(int sheets, int bytesPerSheet) throws IOException {
        byte[] blanks = new byte[1024 * 1024];
        Arrays.fill(blanks, (byte) ' ');
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (int sheet = 1; sheet <= sheets; sheet++) {
                zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + sheet + ".xml"));
                for (int written = 0; written < bytesPerSheet; written += blanks.length) {
                    zip.write(blanks, 0, Math.min(blanks.length, bytesPerSheet - written));
                }
                zip.closeEntry();
            }
        }
        return file.toByteArray();
    }

    @Test
    void shouldAnswer413ForAWorkbookThatUnpacksPastTheLimitAcrossItsSheets() throws IOException {
        // every sheet under the per-part limit; together far over the workbook's
        byte[] bomb = zipBomb(12, 60 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(1024 * 1024);

        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = upload(client, "demo-sales", bomb, XLSX);

            assertThat(response.code()).isEqualTo(413);
            JsonNode error = json(response);
            assertThat(error.get("status").asInt()).isEqualTo(413);
            assertThat(error.get("message").asText()).isNotBlank();
            assertThat(error.get("problems")).singleElement().satisfies(problem -> {
                assertThat(problem.get("field").asText()).isEqualTo("file");
                assertThat(problem.get("reason").asText()).contains(Long.toString(XlsxReader.MAX_INFLATED_BYTES));
            });
            assertThat(gateway.log.records()).isEmpty();
        });
    }

    @Test
    void shouldWriteTheGoodOrdersAndListEveryBadRow() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = upload(client, "demo-sales", ledger(), "text/csv; charset=utf-8");

            assertThat(response.code()).isEqualTo(202);
            JsonNode report = json(response);
            assertThat(report.get("rowsTotal").asInt()).isEqualTo(6);
            assertThat(report.get("rowsRejected").asInt()).isEqualTo(3);
            assertThat(report.get("rowsAccepted").asInt()).isEqualTo(3);
            assertThat(report.get("ordersTotal").asInt()).isEqualTo(2);
            assertThat(report.get("problems")).hasSize(3);
            JsonNode first = report.get("problems").get(0);
            assertThat(first.get("line").asInt()).isEqualTo(4);
            assertThat(first.get("column").asText()).isEqualTo("数量");
            assertThat(first.get("reason").asText()).isEqualTo("must be positive");
            assertThat(header(response, "Location")).isEqualTo(report.get("statusUrl").asText());

            var records = gateway.log.on("order-commands");
            assertThat(records).extracting(r -> r.key()).containsExactly("A-1", "A-5");
            PlaceOrder a1 = (PlaceOrder) ((OrderCommand) records.get(0).value()).getPayload();
            assertThat(a1.getLines()).hasSize(2);
            assertThat(a1.getLines().get(0).getAmount()).isEqualTo(new BigDecimal("37.50"));
        });
    }

    @Test
    void shouldWriteEachOrderOnceWhenTheSameFileIsUploadedAgain() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            byte[] noIds = """
                    customerName,sku,quantity,unitPrice
                    Acme,SKU-A,1,1.00
                    Acme,SKU-B,2,3.00
                    """.getBytes(StandardCharsets.UTF_8);
            upload(client, "demo-sales", ledger(), "text/csv");
            upload(client, "demo-sales", noIds, "text/csv");
            var again = upload(client, "demo-sales", ledger(), "text/csv");
            upload(client, "demo-sales", noIds, "text/csv");

            assertThat(json(again).get("ordersWritten").asInt()).isEqualTo(2);
            assertThat(gateway.log.on("order-commands")).hasSize(4);
        });
    }

    @Test
    void shouldReadAnXlsxLedger() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            byte[] workbook = Workbooks.xlsx(List.of(
                    List.of("订单编号", "客户名称", "商品编号", "数量", "单价", "金额", "下单日期"),
                    List.of("X-1", "张三", "SKU-A", 3, 12.5, 37.5, 46347),
                    List.of("X-2", "李四", "SKU-B", 1, 0.1, 0.10000000000000001, "2026-11-20")));

            var response = upload(client, "demo-sales", workbook, XLSX);

            assertThat(response.code()).isEqualTo(202);
            assertThat(json(response).get("problems")).isEmpty();
            var records = gateway.log.on("order-commands");
            assertThat(records).hasSize(2);
            PlaceOrder x1 = (PlaceOrder) ((OrderCommand) records.get(0).value()).getPayload();
            assertThat(x1.getLines().get(0).getUnitPrice()).isEqualTo(new BigDecimal("12.50"));
            assertThat(x1.getOrderDate()).hasToString("2026-11-21");
        });
    }

    @Test
    void shouldReportProgressAsRowsDoneOfTotal() {
        var held = gateway.log.hold();
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = upload(client, "demo-sales", ledger(), "text/csv");
            String url = json(response).get("statusUrl").asText();

            JsonNode running = json(status(client, "demo-sales", url));
            assertThat(running.get("status").asText()).isEqualTo("RUNNING");
            assertThat(running.get("rowsDone").asInt()).isEqualTo(3);
            assertThat(running.get("rowsTotal").asInt()).isEqualTo(6);

            held.complete(null);
            JsonNode done = json(status(client, "demo-sales", url));
            assertThat(done.get("status").asText()).isEqualTo("DONE");
            assertThat(done.get("rowsDone").asInt()).isEqualTo(6);
            assertThat(done.get("ordersWritten").asInt()).isEqualTo(2);
            assertThat(status(client, "demo-platform", url).code()).isEqualTo(404);
            assertThat(status(client, "demo-admin", url).code()).isEqualTo(200);
        });
    }

    @Test
    void shouldReportOrdersKafkaCouldNotTakeSoTheFileCanBeUploadedAgain() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            gateway.log.failing(true);
            JsonNode failed = json(upload(client, "demo-sales", ledger(), "text/csv"));
            gateway.log.failing(false);
            JsonNode retried = json(upload(client, "demo-sales", ledger(), "text/csv"));

            assertThat(failed.get("ordersFailed").asInt()).isEqualTo(2);
            List<String> reasons = new ArrayList<>();
            failed.get("problems").forEach(p -> reasons.add(p.get("reason").asText()));
            assertThat(reasons).anyMatch(r -> r.startsWith("not written: Kafka is unavailable"));
            assertThat(retried.get("ordersWritten").asInt()).isEqualTo(2);
            assertThat(gateway.log.on("order-commands")).hasSize(2);
        });
    }

    @Test
    void shouldRefuseAFileThatIsNoLedgerOrOfTheWrongType() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var noLedger = upload(client, "demo-sales", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
            var image = upload(client, "demo-sales", new byte[] {1, 2, 3}, "image/png");
            var analyst = upload(client, "demo-analyst", ledger(), "text/csv");

            assertThat(noLedger.code()).isEqualTo(400);
            assertThat(json(noLedger).at("/problems/0/field").asText()).isEqualTo("file");
            assertThat(image.code()).isEqualTo(415);
            assertThat(analyst.code()).isEqualTo(403);
            assertThat(gateway.log.records()).isEmpty();
        });
    }

    @Test
    void shouldTakeTheLedgerAsTheFilePartOfAForm() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            String boundary = "----orderflow";
            byte[] form = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ledger.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + LedgerReaderTest.CHINESE_LEDGER + "\r\n--" + boundary + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8);

            var response = upload(client, "demo-sales", form, "multipart/form-data; boundary=" + boundary);

            assertThat(response.code()).isEqualTo(202);
            assertThat(json(response).get("ordersTotal").asInt()).isEqualTo(2);
        });
    }

    @Test
    void shouldAnswerABrokenFormWith400() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var noBoundary = upload(client, "demo-sales", "garbage".getBytes(StandardCharsets.UTF_8),
                    "multipart/form-data");
            var broken = upload(client, "demo-sales", "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"
                    .getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=x");
            var noFile = upload(client, "demo-sales", "--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nabc\r\n--x--\r\n"
                    .getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=x");

            assertThat(noBoundary.code()).isEqualTo(400);
            assertThat(broken.code()).isEqualTo(400);
            assertThat(noFile.code()).isEqualTo(400);
            assertThat(json(noFile).at("/problems/0/field").asText()).isEqualTo("file");
        });
    }

    private static final String LEDGER_WITH_STATUSES = """
            订单编号,客户名称,商品编号,数量,单价,已发货数量,订单状态,审核人,物流信息,付款状态,创建人
            M-1,张三,TEA-1,3,12.50,3,已送达,wu.reviewer,顺丰 SF1001,已付款,lin.sales
            M-2,李四,TEA-1,2,12.50,0,已审核,wu.reviewer,,未付款,lin.sales
            M-3,王五,TEA-1,1,12.50,,退货已批准,,,,
            """;

    @Test
    void shouldImportALedgersOrdersInTheirStatusesForAnAdministratorOnly() {
        byte[] file = LEDGER_WITH_STATUSES.getBytes(StandardCharsets.UTF_8);
        JavalinTest.test(gateway.app(), (server, client) -> {
            var sales = upload(client, "demo-sales", file, "text/csv");
            var platform = upload(client, "demo-platform", file, "text/csv");

            assertThat(sales.code()).isEqualTo(403);
            assertThat(json(sales).get("status").asInt()).isEqualTo(403);
            assertThat(json(sales).get("message").asText()).contains("only an administrator");
            assertThat(platform.code()).isEqualTo(403);
            assertThat(gateway.log.records()).isEmpty();

            var admin = client.request("/v1/imports/orders?name=台账2025.csv", b -> b
                    .post(BodyPublishers.ofByteArray(file)).header("Content-Type", "text/csv")
                    .header("Authorization", "Bearer demo-admin"));

            assertThat(admin.code()).isEqualTo(202);
            JsonNode report = json(admin);
            assertThat(report.get("ordersTotal").asInt()).isEqualTo(2);
            assertThat(report.get("problems")).singleElement().satisfies(problem -> {
                assertThat(problem.get("line").asInt()).isEqualTo(4);
                assertThat(problem.get("column").asText()).isEqualTo("订单状态");
            });
            var records = gateway.log.on("order-commands");
            assertThat(records).extracting(r -> r.key()).containsExactly("M-1", "M-2");
            OrderCommand first = (OrderCommand) records.get(0).value();
            assertThat(first.getActor().getRole()).isEqualTo(Role.ADMIN);
            ImportOrder delivered = (ImportOrder) first.getPayload();
            assertThat(delivered.getStatus()).isEqualTo(OrderStatus.DELIVERED);
            assertThat(delivered.getSource()).startsWith("台账2025.csv (sha256 ").endsWith(") line 2");
            assertThat(delivered.getReviewer()).isEqualTo("wu.reviewer");
            assertThat(delivered.getCreatedBy()).isEqualTo("lin.sales");
            assertThat(delivered.getShipped()).containsExactly(new ShipmentLine("TEA-1", 3));
            assertThat(delivered.getShipments()).singleElement().satisfies(parcel -> {
                assertThat(parcel.getCarrier()).isEqualTo("顺丰");
                assertThat(parcel.getTrackingNumber()).isEqualTo("SF1001");
            });
            assertThat(delivered.getPaidAmount()).isEqualByComparingTo("37.50");
            ImportOrder approved = (ImportOrder) ((OrderCommand) records.get(1).value()).getPayload();
            assertThat(approved.getStatus()).isEqualTo(OrderStatus.APPROVED);
            assertThat(approved.getShipped()).isEmpty();
        });
    }

    @Test
    void shouldImportEachOrderOnceWithTheSameCommandIdWhenTheLedgerIsUploadedAgain() {
        byte[] file = LEDGER_WITH_STATUSES.getBytes(StandardCharsets.UTF_8);
        JavalinTest.test(gateway.app(), (server, client) -> {
            JsonNode first = json(upload(client, "demo-admin", file, "text/csv"));
            JsonNode again = json(upload(client, "demo-admin", file, "text/csv"));

            assertThat(first.get("ordersWritten").asInt()).isEqualTo(2);
            assertThat(again.get("ordersWritten").asInt()).isEqualTo(2);
            assertThat(again.get("problems")).hasSize(1);
            assertThat(gateway.log.on("order-commands")).hasSize(2);
        });
        // after a restart the answers are read back: still nothing written twice
        JavalinTest.test(gateway.app(), (server, client) -> {
            upload(client, "demo-admin", file, "text/csv");

            var records = gateway.log.on("order-commands");
            assertThat(records).hasSize(2);
            assertThat(records).extracting(r -> ((OrderCommand) r.value()).getCommandId()).doesNotHaveDuplicates();
        });
    }

    private static byte[] ledger() {
        return LedgerReaderTest.CHINESE_LEDGER.getBytes(StandardCharsets.UTF_8);
    }
}
