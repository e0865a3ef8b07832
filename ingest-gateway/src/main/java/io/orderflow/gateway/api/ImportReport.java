package io.orderflow.gateway.api;

import java.util.List;

/**
 * The answer to a ledger upload and its status: every bad row with line, column and reason; progress as rows
 * done of rows total (a bad row counts as done; a good row once its order is written or has failed). Rows read
 * ({@code rowsTotal}) are accepted or rejected.
 */
public record ImportReport(
        String importId,
        String status,
        String statusUrl,
        int rowsTotal,
        int rowsAccepted,
        int rowsDone,
        int rowsRejected,
        int ordersTotal,
        int ordersWritten,
        int ordersFailed,
        List<RowProblem> problems) {

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";

    /** One problem of the file; column null when it concerns the whole row or order. */
    public record RowProblem(int line, String column, String reason) {
    }
}
