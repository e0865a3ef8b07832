package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orderflow.avro.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoKeysTest {

    /** The pipeline itself and the Avro default: no caller acts in these, so no key may hold them. */
    private static final Set<Role> NO_KEY = EnumSet.of(Role.SYSTEM, Role.UNKNOWN);

    @Test
    void shouldGiveEveryRoleAKeyMayHoldItsDemoKey() {
        Set<Role> declared = DemoKeys.ALL.stream().map(key -> Role.valueOf(key.role().toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());

        assertThat(declared).isEqualTo(EnumSet.complementOf(EnumSet.copyOf(NO_KEY)));
        for (Role role : NO_KEY) {
            assertThrows(IllegalArgumentException.class,
                    () -> ApiKeys.parse(List.of("k p " + role.name().toLowerCase(Locale.ROOT))), role.name());
        }
    }

    @Test
    void shouldServeEveryDeclaredKeyAsItsPrincipalWhenAsked() {
        ApiKeys served = ApiKeys.configured(Map.of(ApiKeys.DEMO_KEYS_SETTING, "true"));

        assertThat(served.size()).isEqualTo(DemoKeys.ALL.size());
        for (DemoKeys.Key key : DemoKeys.ALL) {
            Principal principal = served.principalOf(key.key()).orElseThrow();
            assertThat(principal.id()).as(key.key()).isEqualTo(key.principal());
            assertThat(principal.role().name()).as(key.key()).isEqualToIgnoringCase(key.role());
            assertThat(principal.carrier()).as(key.key()).isEqualTo(key.carrier());
            assertThat(principal.webhookSecret()).as(key.key()).isEqualTo(key.webhookSecret());
        }
    }

    @Test
    void shouldDeclareEachKeyOnceAndDescribeIt() {
        assertThat(DemoKeys.ALL).extracting(DemoKeys.Key::key).doesNotHaveDuplicates()
                .allMatch(key -> key.startsWith("demo-"));
        assertThat(DemoKeys.ALL).allSatisfy(key -> assertThat(key.description()).startsWith(key.role() + ": ")
                .hasSizeGreaterThan(key.role().length() + 2));
        assertThat(DemoKeys.lines()).contains("demo-logistics-sf SF logistics SF demo-secret-sf",
                "demo-platform demo-platform platform");
    }
}
