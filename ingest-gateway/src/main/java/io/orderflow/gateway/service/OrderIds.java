package io.orderflow.gateway.service;

import java.time.LocalDate;

/** Generates order ids of the form {@code YYYYMMDD-} + sequence, unique across gateway instances and restarts. */
public interface OrderIds {

    /** A new id for an order entered on {@code date}; fails with {@link GatewayException.Unavailable}. */
    String next(LocalDate date);
}
