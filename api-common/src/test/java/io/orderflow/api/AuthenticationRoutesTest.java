package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationRoutesTest {

    private static final ApiKeys KEYS = ApiKeys.parse(List.of(
            "k-analyst   ana    analyst",
            "k-warehouse wh-1   warehouse"));

    private static Javalin app() {
        Authentication authentication = Authentication.of(KEYS, "read this").keyParameterOn("/stream");
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.routes.beforeMatched(authentication::authenticate);
            config.routes.get("/open", ctx -> ctx.result("open"));
            config.routes.get("/reports", ctx -> ctx.result(
                    Authentication.principal(ctx).id() + " " + Authentication.key(ctx)), ApiRole.roles(ApiRole.ANALYTICS));
            config.routes.get("/stream", ctx -> ctx.result(Authentication.principal(ctx).id()), ApiRole.roles(ApiRole.STAFF));
            config.routes.exception(ApiException.class, Errors::api);
        });
    }

    private static Response get(HttpClient client, String path, String authorization) {
        return client.request(path, b -> {
            b.get();
            if (authorization != null) {
                b.header("Authorization", authorization);
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
    void shouldLetAKnownKeyWithTheRouteRoleThroughAsItsPrincipal() {
        JavalinTest.test(app(), (server, client) -> {
            Response response = get(client, "/reports", "Bearer k-analyst");

            assertThat(response.code()).isEqualTo(200);
            assertThat(body(response)).isEqualTo("ana k-analyst");
        });
    }

    @Test
    void shouldReadTheSchemeInAnyCase() {
        JavalinTest.test(app(), (server, client) -> {
            assertThat(get(client, "/reports", "bearer k-analyst").code()).isEqualTo(200);
            assertThat(get(client, "/reports", "BEARER   k-analyst ").code()).isEqualTo(200);
        });
    }

    @Test
    void shouldAnswer401WithTheChallengeInTheOneShapeWithoutAKey() {
        JavalinTest.test(app(), (server, client) -> {
            for (String authorization : new String[] {null, "Basic YTpi", "k-analyst"}) {
                Response response = get(client, "/reports", authorization);

                assertThat(response.code()).as(authorization).isEqualTo(401);
                assertThat(header(response, "WWW-Authenticate")).isEqualTo("Bearer");
                assertThat(body(response)).isEqualTo("{\"status\":401,\"error\":\"Unauthorized\","
                        + "\"message\":\"send Authorization: Bearer <api key>\",\"problems\":[]}");
            }
        });
    }

    @Test
    void shouldAnswer401ForAnUnknownKey() {
        JavalinTest.test(app(), (server, client) -> {
            Response response = get(client, "/reports", "Bearer k-nobody");

            assertThat(response.code()).isEqualTo(401);
            assertThat(header(response, "WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(body(response)).isEqualTo("{\"status\":401,\"error\":\"Unauthorized\","
                    + "\"message\":\"unknown API key\",\"problems\":[]}");
        });
    }

    @Test
    void shouldAnswer403NamingTheRoleWhenTheRouteIsNotForIt() {
        JavalinTest.test(app(), (server, client) -> {
            Response response = get(client, "/reports", "Bearer k-warehouse");

            assertThat(response.code()).isEqualTo(403);
            assertThat(header(response, "WWW-Authenticate")).isNull();
            assertThat(body(response)).isEqualTo("{\"status\":403,\"error\":\"Forbidden\","
                    + "\"message\":\"role warehouse may not read this\",\"problems\":[]}");
        });
    }

    @Test
    void shouldTakeTheKeyAsAParameterOnlyOnItsOnePath() {
        JavalinTest.test(app(), (server, client) -> {
            Response stream = get(client, "/stream?key=k-warehouse", null);
            Response reports = get(client, "/reports?key=k-analyst", null);

            assertThat(stream.code()).isEqualTo(200);
            assertThat(body(stream)).isEqualTo("wh-1");
            assertThat(reports.code()).isEqualTo(401);
        });
    }

    @Test
    void shouldLeaveARouteWithoutRolesOpen() {
        JavalinTest.test(app(), (server, client) -> {
            Response response = get(client, "/open", "Bearer k-nobody");

            assertThat(response.code()).isEqualTo(200);
            assertThat(body(response)).isEqualTo("open");
        });
    }
}
