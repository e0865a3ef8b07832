package io.orderflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    private static final String URL = "http://registry:8081";

    @Test
    void shouldRefuseAnAutoRegisterThatIsNoYesOrNoNamingTheSetting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AvroSerdeConfig.from(
                Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, URL, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "ture")));

        assertThat(refused).hasMessageContaining(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS).hasMessageContaining("'ture'");
    }

    @Test
    void shouldRegisterUnlessToldNotToAsTextOrAsABoolean() {
        assertThat(AvroSerdeConfig.from(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, URL)).autoRegister()).isTrue();
        assertThat(AvroSerdeConfig.from(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, URL,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false)).autoRegister()).isFalse();
        assertThat(AvroSerdeConfig.from(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, URL,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, " FALSE ")).autoRegister()).isFalse();
    }

    @Test
    void shouldRefuseABlankRegistryUrl() {
        assertThrows(IllegalArgumentException.class,
                () -> AvroSerdeConfig.from(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, " ")));
    }
}
