package io.orderflow.streams.query.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerSecretTest {

    private static final String SECRET = "a-secret-of-the-deployment";

    @Test
    void shouldMatchOnlyTheSameSecret() {
        PeerSecret secret = PeerSecret.of(SECRET);

        assertThat(secret.matches(SECRET)).isTrue();
        assertThat(secret.matches(SECRET + "x")).isFalse();
        assertThat(secret.matches(SECRET.substring(1))).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
    }

    @Test
    void shouldReadTheSettingAndMakeUpOneSharedWithNobodyWithoutIt() {
        PeerSecret set = PeerSecret.from(Map.of(PeerSecret.SETTING, " " + SECRET + " "));
        PeerSecret unset = PeerSecret.from(Map.of());

        assertThat(set.shared()).isTrue();
        assertThat(set.matches(SECRET)).isTrue();
        assertThat(unset.shared()).isFalse();
        assertThat(unset.matches(PeerSecret.unshared().value())).isFalse();
        assertThat(unset.matches(unset.value())).isTrue();
    }

    @Test
    void shouldRefuseAShortSecretWithoutPrintingIt() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> PeerSecret.from(Map.of(PeerSecret.SETTING, "short-secret")));

        assertThat(refused.getMessage()).contains(PeerSecret.SETTING).doesNotContain("short-secret");
    }

    @Test
    void shouldNeverPrintTheSecret() {
        assertThat(PeerSecret.of(SECRET).toString()).doesNotContain(SECRET);
    }
}
