package io.orderflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's answer to a {@link Call}.
 *
 * @param status HTTP status, or {@link #UNREACHABLE} when no answer came (connection refused, timeout)
 * @param body   the JSON body, {@link MissingNode} when there was none or it was not JSON
 */
public record Answer(int status, JsonNode body, Optional<Duration> retryAfter) {

    public static final int UNREACHABLE = -1;

    public static Answer unreachable() {
        return new Answer(UNREACHABLE, MissingNode.getInstance(), Optional.empty());
    }

    /** 2xx: the gateway has the command on Kafka (the streams app may still refuse it). */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    /** Worth the same request again later: no answer, 429, or a 5xx such as 503 while Kafka is away. */
    public boolean retryable() {
        return status == UNREACHABLE || status == 429 || status >= 500;
    }

    public Optional<String> text(String field) {
        JsonNode v = body.path(field);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    /**
     * Why the gateway refused, fit for a log line: its message and the fields it named. The gateway never repeats
     * a value that was sent in a reason, so this carries no personal data.
     */
    public String reason() {
        if (status == UNREACHABLE) {
            return "no answer";
        }
        StringBuilder out = new StringBuilder().append(status);
        text("message").ifPresent(m -> out.append(' ').append(m));
        for (JsonNode p : body.path("problems")) {
            out.append("; ").append(p.path("field").asText("?")).append(": ").append(p.path("reason").asText(""));
        }
        return out.toString();
    }
}
