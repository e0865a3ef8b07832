package io.orderflow.api;

import java.util.List;

/**
 * The one shape of every error answer:
 * {@code {"status":400,"error":"Bad Request","message":"...","problems":[{"field":"lines[0].quantity","reason":"..."}]}}.
 */
public record ErrorResponse(int status, String error, String message, List<Problem> problems) {
}
