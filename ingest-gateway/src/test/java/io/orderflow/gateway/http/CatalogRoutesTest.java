package io.orderflow.gateway.http;

import static io.orderflow.gateway.http.Requests.json;
import static io.orderflow.gateway.http.Requests.post;
import static io.orderflow.gateway.http.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.Product;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.StockMovementType;
import io.orderflow.gateway.TestGateway;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogRoutesTest {

    private final TestGateway gateway = new TestGateway();

    @Test
    void shouldPutAProductKeyedBySku() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var response = put(client, "/v1/products/SKU-A", "demo-warehouse",
                    "{\"name\": \"T-shirt\", \"category\": \"apparel\", \"unitPrice\": \"12.50\", \"reorderPoint\": 5}");

            assertThat(response.code()).isEqualTo(202);
            assertThat(json(response).get("sku").asText()).isEqualTo("SKU-A");
            assertThat(json(response).get("consistencyToken").asText()).isEqualTo("products:0:0");
            var records = gateway.log.on("products");
            assertThat(records.get(0).key()).isEqualTo("SKU-A");
            Product product = (Product) records.get(0).value();
            assertThat(product.getName()).isEqualTo("T-shirt");
            assertThat(product.getUnitPrice()).isEqualTo(new BigDecimal("12.50"));
            assertThat(product.getReorderPoint()).isEqualTo(5);
            assertThat(product.getKind()).isEqualTo(LineKind.GOODS);
            assertThat(product.getUpdatedBy().getId()).isEqualTo("demo-warehouse");
            assertThat(product.getUpdatedAt()).isEqualTo(TestGateway.NOW);
        });
    }

    @Test
    void shouldRecordReceiptsAndSignedAdjustments() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var receipt = post(client, "/v1/stock/SKU-A/receipts", "demo-warehouse",
                    "{\"quantity\": 100, \"reference\": \"PO-7\"}");
            var adjustment = post(client, "/v1/stock/SKU-A/adjustments", "demo-admin",
                    "{\"quantity\": -3, \"reason\": \"damaged in stocktake\"}");

            assertThat(receipt.code()).isEqualTo(202);
            assertThat(adjustment.code()).isEqualTo(202);
            var records = gateway.log.on("stock-movements");
            StockMovement in = (StockMovement) records.get(0).value();
            StockMovement fix = (StockMovement) records.get(1).value();
            assertThat(records.get(0).key()).isEqualTo("SKU-A");
            assertThat(in.getType()).isEqualTo(StockMovementType.RECEIPT);
            assertThat(in.getQuantity()).isEqualTo(100);
            assertThat(in.getReference()).isEqualTo("PO-7");
            assertThat(in.getMovementId()).isEqualTo(json(receipt).get("commandId").asText());
            assertThat(fix.getType()).isEqualTo(StockMovementType.ADJUSTMENT);
            assertThat(fix.getQuantity()).isEqualTo(-3);
        });
    }

    @Test
    void shouldRefuseZeroNegativeOrUnexplainedStockMovements() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var negativeReceipt = post(client, "/v1/stock/SKU-A/receipts", "demo-warehouse", "{\"quantity\": -1}");
            var zeroAdjustment = post(client, "/v1/stock/SKU-A/adjustments", "demo-warehouse",
                    "{\"quantity\": 0, \"reason\": \"x\"}");
            var noReason = post(client, "/v1/stock/SKU-A/adjustments", "demo-warehouse", "{\"quantity\": 2}");

            assertThat(negativeReceipt.code()).isEqualTo(400);
            assertThat(json(negativeReceipt).at("/problems/0/field").asText()).isEqualTo("quantity");
            assertThat(zeroAdjustment.code()).isEqualTo(400);
            assertThat(json(noReason).at("/problems/0/field").asText()).isEqualTo("reason");
            assertThat(gateway.log.records()).isEmpty();
        });
    }

    @Test
    void shouldLetOnlyTheWarehouseAndAdminsChangeStockAndCatalog() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            for (String key : new String[] {"demo-sales", "demo-reviewer", "demo-analyst", "demo-logistics-sf",
                    "demo-service"}) {
                assertThat(post(client, "/v1/stock/SKU-A/receipts", key, "{\"quantity\": 1}").code()).as(key)
                        .isEqualTo(403);
                assertThat(put(client, "/v1/products/SKU-A", key, "{\"name\": \"n\", \"category\": \"c\"}").code())
                        .as(key).isEqualTo(403);
            }
            assertThat(gateway.log.records()).isEmpty();
        });
    }

    @Test
    void shouldReplayAReceiptRetriedUnderItsIdempotencyKey() {
        JavalinTest.test(gateway.app(), (server, client) -> {
            var key = Map.of("Idempotency-Key", "po-7-receipt");
            var first = post(client, "/v1/stock/SKU-A/receipts", "demo-warehouse", "{\"quantity\": 100}", key);
            var retry = post(client, "/v1/stock/SKU-A/receipts", "demo-warehouse", "{\"quantity\": 100}", key);

            assertThat(json(retry)).isEqualTo(json(first));
            assertThat(gateway.log.records()).hasSize(1);
        });
    }
}
