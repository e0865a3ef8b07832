package io.orderflow.gateway.ledger;

/** The file is not a readable CSV or XLSX table. The message names the problem, never the content. */
public class SheetFormatException extends Exception {

    public SheetFormatException(String message) {
        super(message);
    }

    public SheetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
