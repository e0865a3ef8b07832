package io.orderflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.DemoKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BannerTest {

    @Test
    void shouldShowTheUrlsTheKeysWithTheirRolesAndTheSeed() {
        String banner = Banner.render(DemoConfig.from(Map.of("DEMO_MAX_ORDERS", "50"), 777L));

        assertThat(banner).contains("http://localhost:8080", "http://localhost:7070", "50 in all",
                "DEMO_SEED=777");
        for (DemoKeys.Key key : DemoKeys.ALL) {
            assertThat(banner).contains(key.key() + " ", key.description());
        }
        assertThat(banner).contains("demo-platform", "reviewer", "warehouse", "demo-secret-sf");
    }
}
