package io.orderflow.streams.alerts;

import java.util.Map;

/**
 * Per order (value of {@code alerts-schedule-store}): the status it is in and the alerts scheduled
 * for it, by alert type name, so that a change can take back exactly the due entries it put.
 */
record ScheduledAlerts(String status, Map<String, Entry> entries) {

    /** One scheduled alert: when it falls due and what it will say. */
    record Entry(long dueAt, String message) {
    }
}
