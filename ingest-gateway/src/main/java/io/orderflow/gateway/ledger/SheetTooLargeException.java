package io.orderflow.gateway.ledger;

/** The file unpacks to more than a reader will hold (a zip bomb, or a workbook far past any ledger). */
public class SheetTooLargeException extends SheetFormatException {

    public SheetTooLargeException(String message) {
        super(message);
    }
}
