package io.orderflow.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The JSON bodies the generator sends, mirroring the gateway's request records. Money is a decimal string with two
 * places ({@code "12.50"}), as the gateway demands; nulls are left out.
 */
public final class Requests {

    private Requests() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderBody(
            String channel,
            LocalDate orderDate,
            LocalDate expectedDeliveryDate,
            CustomerBody customer,
            String paymentMethod,
            String notes,
            List<LineBody> lines) {
    }

    /** contactName, phone and address are personal data: never logged, hence no record toString of them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomerBody(String id, String name, String contactName, String phone, String address) {
        @Override
        public String toString() {
            return "CustomerBody[id=" + id + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineBody(String sku, String productName, String spec, int quantity, String unitPrice, String amount) {
    }

    public record QuantityLine(String sku, int quantity) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Note(String note) {
    }

    public record Reason(String reason) {
    }

    public record ShipBody(String shipmentId, List<QuantityLine> lines, String carrier, String trackingNumber) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliverBody(Instant deliveredAt, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PayBody(String amount, String method, String reference) {
    }

    public record ReturnRequestBody(String reason, List<QuantityLine> lines) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReceiveReturnBody(List<QuantityLine> lines, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrackingBody(
            String carrier, String trackingNumber, String status, Instant at, String location, String eventId) {
    }

    public record ProductBody(String name, String category, String unitPrice, int reorderPoint) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StockBody(int quantity, String reference, String reason) {
    }
}
