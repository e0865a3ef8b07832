package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorsRoutesTest {

    /** An app's own kind of error, as the apps declare theirs. */
    static final class Refused extends ApiException {
        Refused(int status, String message, List<Problem> problems, long retryAfterSeconds) {
            super(status, message, problems, null, retryAfterSeconds);
        }
    }

    private static Javalin app() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.routes.post("/orders", ctx -> {
                throw new Refused(400, "the request is invalid", List.of(
                        new Problem("lines[0].quantity", "must be at least 1"),
                        new Problem("customer.phone", "is required")), 0);
            });
            config.routes.get("/orders/{id}", ctx -> {
                throw new Refused(404, "no order " + ctx.pathParam("id"), List.of(), 0);
            });
            config.routes.get("/busy", ctx -> {
                throw new Refused(503, "state is moving", List.of(), 7);
            });
            config.routes.get("/javalin", ctx -> {
                throw new BadRequestResponse("bad query");
            });
            config.routes.get("/empty", ctx -> ctx.status(404));
            config.routes.get("/answered", ctx -> ctx.status(404).result("its own answer"));
            config.routes.get("/bug", ctx -> {
                throw new IllegalStateException("a secret detail");
            });
            config.routes.exception(ApiException.class, Errors::api);
            config.routes.exception(HttpResponseException.class, Errors::http);
            config.routes.exception(Exception.class, Errors::unexpected);
            config.routes.error(404, Errors::status);
            config.routes.error(405, Errors::status);
        });
    }

    private static Response send(HttpClient client, String method, String path) {
        return client.request(path, b -> {
            switch (method) {
                case "POST" -> b.post(BodyPublishers.noBody());
                case "DELETE" -> b.delete(BodyPublishers.noBody());
                default -> b.get();
            }
        });
    }

    private static String header(Response response, String name) {
        var values = response.headers().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String body(Response response) throws IOException {
        return response.body().string();
    }

    @Test
    void shouldAnswerAnInvalidRequestWithEveryProblemByItsFieldPath() {
        JavalinTest.test(app(), (server, client) -> {
            Response response = send(client, "POST", "/orders");

            assertThat(response.code()).isEqualTo(400);
            assertThat(header(response, "Content-Type")).startsWith("application/json");
            assertThat(body(response)).isEqualTo("{\"status\":400,\"error\":\"Bad Request\","
                    + "\"message\":\"the request is invalid\",\"problems\":["
                    + "{\"field\":\"lines[0].quantity\",\"reason\":\"must be at least 1\"},"
                    + "{\"field\":\"customer.phone\",\"reason\":\"is required\"}]}");
        });
    }

    @Test
    void shouldAnswerWithTheStatusTheErrorCarries() {
        JavalinTest.test(app(), (server, client) -> {
            Response response = send(client, "GET", "/orders/o-9");

            assertThat(response.code()).isEqualTo(404);
            assertThat(header(response, "Retry-After")).isNull();
            assertThat(body(response)).isEqualTo(
                    "{\"status\":404,\"error\":\"Not Found\",\"message\":\"no order o-9\",\"problems\":[]}");
        });
    }

    @Test
    void shouldTellWhenToRetryWhatCannotBeAnsweredNow() {
        JavalinTest.test(app(), (server, client) -> {
            Response response = send(client, "GET", "/busy");

            assertThat(response.code()).isEqualTo(503);
            assertThat(header(response, "Retry-After")).isEqualTo("7");
            assertThat(body(response)).isEqualTo("{\"status\":503,\"error\":\"Service Unavailable\","
                    + "\"message\":\"state is moving\",\"problems\":[]}");
        });
    }

    @Test
    void shouldAnswerJavalinsOwnRefusalsInTheOneShape() {
        JavalinTest.test(app(), (server, client) -> {
            Response refused = send(client, "GET", "/javalin");
            Response nowhere = send(client, "GET", "/nowhere");
            Response wrongMethod = send(client, "DELETE", "/orders");

            assertThat(refused.code()).isEqualTo(400);
            assertThat(body(refused)).isEqualTo(
                    "{\"status\":400,\"error\":\"Bad Request\",\"message\":\"bad query\",\"problems\":[]}");
            assertThat(nowhere.code()).isEqualTo(404);
            assertThat(body(nowhere)).isEqualTo("{\"status\":404,\"error\":\"Not Found\","
                    + "\"message\":\"Endpoint GET /nowhere not found\",\"problems\":[]}");
            assertThat(wrongMethod.code()).isEqualTo(405);
            assertThat(body(wrongMethod)).contains("\"status\":405", "\"error\":\"Method Not Allowed\"");
        });
    }

    @Test
    void shouldAnswerAnErrorStatusSetWithoutAnAnswerInTheOneShapeAndLeaveAnAnswerAsItIs() {
        JavalinTest.test(app(), (server, client) -> {
            Response empty = send(client, "GET", "/empty");
            Response answered = send(client, "GET", "/answered");

            assertThat(empty.code()).isEqualTo(404);
            assertThat(body(empty)).isEqualTo(
                    "{\"status\":404,\"error\":\"Not Found\",\"message\":\"no such resource\",\"problems\":[]}");
            assertThat(answered.code()).isEqualTo(404);
            assertThat(body(answered)).isEqualTo("its own answer");
        });
    }

    @Test
    void shouldAnswerABugWith500AndNoWordOfIt() {
        JavalinTest.test(app(), (server, client) -> {
            Response response = send(client, "GET", "/bug");

            assertThat(response.code()).isEqualTo(500);
            assertThat(body(response)).isEqualTo("{\"status\":500,\"error\":\"Server Error\","
                    + "\"message\":\"internal error\",\"problems\":[]}");
        });
    }

    @Test
    void shouldFindTheErrorAnAsynchronousAnswerWraps() {
        Refused refused = new Refused(404, "gone", List.of(), 0);

        assertThat(Errors.unwrap(new CompletionException(new ExecutionException(refused)))).isSameAs(refused);
        assertThat(Errors.unwrap(refused)).isSameAs(refused);
        CompletionException empty = new CompletionException("nothing inside", null);
        assertThat(Errors.unwrap(empty)).isSameAs(empty);
    }
}
