package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JettyErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Javalin app;

    @BeforeAll
    static void start() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            JettyErrors.install(config, JSON);
            config.routes.get("/things/{id}", ctx -> ctx.result("thing"));
        }).start(0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static ErrorResponse error(RawHttp.Answer answer) throws Exception {
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        ErrorResponse error = JSON.readValue(answer.body(), ErrorResponse.class);
        assertThat(error.status()).isEqualTo(answer.status());
        return error;
    }

    @Test
    void shouldAnswerAPathJettyCannotReadInTheErrorShapeNamingThePath() throws Exception {
        for (String path : new String[] {"/things/%zz", "/things/%00", "/things/a\u0001b", "/things/%C0%AF",
                "/things/a\\b"}) {
            RawHttp.Answer answer = RawHttp.send(app.port(), "GET " + path + " HTTP/1.1");

            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(error(answer).problems()).as(path).extracting(Problem::field).containsExactly("path");
        }
    }

    @Test
    void shouldAnswerAHeaderJettyCannotReadInTheErrorShapeNamingTheHeaders() throws Exception {
        for (String header : new String[] {"X-Note: a\u0001b", "X-Note: a\u007fb", "Bad Header: x",
                "X-Long: " + "a".repeat(20_000)}) {
            RawHttp.Answer answer = RawHttp.send(app.port(), "GET /things/1 HTTP/1.1", header);

            assertThat(answer.status()).as(header.substring(0, 8)).isBetween(400, 499);
            assertThat(error(answer).problems()).extracting(Problem::field).containsExactly("headers");
        }
    }

    @Test
    void shouldAnswer400NotA5xxForAnHttpVersionOrTransferCodingJettyDoesNotSpeak() throws Exception {
        RawHttp.Answer version = RawHttp.send(app.port(), "GET /things/1 HTTP/9.9");
        RawHttp.Answer coding = RawHttp.send(app.port(), "POST /things/1 HTTP/1.1", "Transfer-Encoding: gzip2",
                "Content-Length: 0");

        assertThat(version.status()).isEqualTo(400);
        assertThat(error(version).problems()).extracting(Problem::field).containsExactly("request line");
        assertThat(coding.status()).isEqualTo(400);
        assertThat(error(coding).problems()).extracting(Problem::field).containsExactly("headers");
    }

    @Test
    void shouldWriteTheShapeForEveryMethodNotOnlyGetAndPost() throws Exception {
        RawHttp.Answer answer = RawHttp.send(app.port(), "DELETE /things/%zz HTTP/1.1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(error(answer).problems()).isNotEmpty();
    }

    @Test
    void shouldLeaveAReadableRequestToTheApp() {
        assertThat(RawHttp.send(app.port(), "GET /things/1 HTTP/1.1").body()).isEqualTo("thing");
    }
}
