package io.orderflow.streams.alerts;

import java.util.Map;

/**
 * Per order (value of {@code alerts-schedule-store}): the status it is in and the alerts scheduled
 * for it, by alert type name, so that a change can take back exactly the due entries it put. Equal (a
 * record's equals, the map's by content) when it schedules the same, so an unchanged one is not written
 * again.
 */
record ScheduledAlerts(String status, Map<String, Entry> entries) {

    /** One scheduled alert: when it falls due and what it will say. */
    record Entry(long dueAt, String message) {
    }
}
