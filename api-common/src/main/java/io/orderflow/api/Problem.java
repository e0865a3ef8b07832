package io.orderflow.api;

/** One thing wrong with a request: where ({@code lines[0].quantity}) and why. Never carries the value sent. */
public record Problem(String field, String reason) {
}
