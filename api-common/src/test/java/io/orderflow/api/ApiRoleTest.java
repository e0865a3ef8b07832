package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javalin.security.RouteRole;
import io.orderflow.avro.Role;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApiRoleTest {

    private static Set<Role> roles(Set<ApiRole> set) {
        return set.stream().map(ApiRole::role).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    @Test
    void shouldStandForEachRoleAKeyCanHaveOnce() {
        for (ApiRole role : ApiRole.values()) {
            String line = "k-" + role + " p-" + role + " " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + (role == ApiRole.LOGISTICS ? " p-" + role : "");
            assertThat(ApiKeys.parse(List.of(line)).principalOf("k-" + role).orElseThrow().role()).isEqualTo(role.role());
        }
        assertThat(Arrays.stream(ApiRole.values()).map(ApiRole::role)).doesNotHaveDuplicates()
                .doesNotContain(Role.SYSTEM, Role.UNKNOWN);
    }

    @Test
    void shouldLetTheOrderDeskWriteOrdersAndOnlyReviewersReview() {
        assertThat(roles(ApiRole.ORDER_DESK)).containsExactlyInAnyOrder(Role.SALES, Role.PLATFORM, Role.ADMIN);
        assertThat(roles(ApiRole.REVIEWERS)).containsExactlyInAnyOrder(Role.REVIEWER, Role.ADMIN);
        assertThat(roles(ApiRole.CLOSERS)).containsExactlyInAnyOrder(Role.SALES, Role.PLATFORM, Role.REVIEWER,
                Role.ADMIN);
        assertThat(roles(ApiRole.WAREHOUSE_STAFF)).containsExactlyInAnyOrder(Role.WAREHOUSE, Role.ADMIN);
        assertThat(roles(ApiRole.SERVICE_STAFF)).containsExactlyInAnyOrder(Role.SERVICE, Role.ADMIN);
        assertThat(roles(ApiRole.CARRIERS)).containsExactly(Role.LOGISTICS);
    }

    @Test
    void shouldLetNoAnalystWriteAnything() {
        for (Set<ApiRole> writers : List.of(ApiRole.ORDER_DESK, ApiRole.REVIEWERS, ApiRole.CLOSERS,
                ApiRole.WAREHOUSE_STAFF, ApiRole.SERVICE_STAFF, ApiRole.CARRIERS)) {
            assertThat(roles(writers)).doesNotContain(Role.ANALYST);
        }
    }

    @Test
    void shouldLetAPlatformReadOrdersButNoStockAlertsOrFigures() {
        assertThat(roles(ApiRole.ONE_ORDER)).contains(Role.PLATFORM, Role.LOGISTICS);
        assertThat(roles(ApiRole.ORDERS)).contains(Role.PLATFORM).doesNotContain(Role.LOGISTICS);
        assertThat(roles(ApiRole.ORDER_READERS)).contains(Role.LOGISTICS).doesNotContain(Role.PLATFORM);
        assertThat(roles(ApiRole.STAFF)).doesNotContain(Role.PLATFORM, Role.LOGISTICS);
        assertThat(roles(ApiRole.ANALYTICS)).containsExactlyInAnyOrder(Role.SALES, Role.REVIEWER, Role.ANALYST,
                Role.ADMIN);
        assertThat(roles(ApiRole.OPERATIONS)).containsExactlyInAnyOrder(Role.ANALYST, Role.ADMIN);
    }

    @Test
    void shouldAllowOnlyARoleAmongTheRouteRoles() {
        Set<RouteRole> analytics = Set.of(ApiRole.roles(ApiRole.ANALYTICS));

        assertThat(ApiRole.allows(analytics, Role.ANALYST)).isTrue();
        assertThat(ApiRole.allows(analytics, Role.WAREHOUSE)).isFalse();
        assertThat(ApiRole.allows(Set.of(), Role.ADMIN)).isFalse();
    }

    @Test
    void shouldNotAllowARoleOfAnotherKind() {
        RouteRole foreign = new RouteRole() {
        };

        assertThat(ApiRole.allows(Set.of(foreign), Role.ADMIN)).isFalse();
    }

    @Test
    void shouldLetNoCallerWidenWhoMayDoWhat() throws Exception {
        for (Field field : ApiRole.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && !field.isEnumConstant()) {
                assertThat(field.getType().isArray()).as(field.getName() + " is an array anyone may write").isFalse();
            }
        }
        assertThrows(UnsupportedOperationException.class, () -> ApiRole.REVIEWERS.add(ApiRole.SALES));

        RouteRole[] routeRoles = ApiRole.roles(ApiRole.REVIEWERS);
        routeRoles[0] = ApiRole.SALES;
        assertThat(roles(ApiRole.REVIEWERS)).containsExactlyInAnyOrder(Role.REVIEWER, Role.ADMIN);
    }
}
