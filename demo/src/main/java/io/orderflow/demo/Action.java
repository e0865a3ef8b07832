package io.orderflow.demo;

/** What a request to the gateway does; the generator tallies accepted requests per action. */
public enum Action {
    PRODUCT,
    RECEIPT,
    ADJUSTMENT,
    PLACE,
    PAY,
    RETURN_FOR_CHANGES,
    AMEND,
    SUBMIT,
    APPROVE,
    CANCEL,
    APPROVE_CANCEL,
    SHIP,
    TRACKING_SCAN,
    DELIVER,
    COMPLETE,
    REQUEST_RETURN,
    APPROVE_RETURN,
    REJECT_RETURN,
    RECEIVE_RETURN
}
