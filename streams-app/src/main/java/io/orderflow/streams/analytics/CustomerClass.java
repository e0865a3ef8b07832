package io.orderflow.streams.analytics;

/** Customer class from order frequency and amount (客户订单频次表), thresholds in {@link AnalyticsSettings}. */
public enum CustomerClass {
    VIP,
    REGULAR,
    NEW
}
