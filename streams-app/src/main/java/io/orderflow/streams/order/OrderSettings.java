package io.orderflow.streams.order;

import io.orderflow.api.Settings;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * The lifecycle's settings (environment):
 * <ul>
 *   <li>{@code ORDERS_REFUND_FOUR_EYES_ABOVE} (default 1000.00, not negative): a refund of more than this amount is
 *       not paid back on its requester's word alone; it waits for a reviewer other than the requester to approve
 *       it ({@code DecideRefund}). A refund up to it is paid back at once.</li>
 *   <li>the monthly archive's, {@link ArchiveSettings}.</li>
 * </ul>
 */
public record OrderSettings(BigDecimal refundFourEyesAbove, ArchiveSettings archive) {

    public static final String REFUND_FOUR_EYES_ABOVE = "ORDERS_REFUND_FOUR_EYES_ABOVE";

    public OrderSettings {
        Objects.requireNonNull(refundFourEyesAbove, "refundFourEyesAbove");
        Objects.requireNonNull(archive, "archive");
    }

    public static OrderSettings defaults() {
        return fromEnv(Map.of());
    }

    public static OrderSettings fromEnv(Map<String, String> env) {
        return new OrderSettings(Settings.decimal(env, REFUND_FOUR_EYES_ABOVE, "1000.00", BigDecimal.ZERO, null),
                ArchiveSettings.fromEnv(env));
    }

    public OrderSettings withArchive(ArchiveSettings archive) {
        return new OrderSettings(refundFourEyesAbove, archive);
    }
}
