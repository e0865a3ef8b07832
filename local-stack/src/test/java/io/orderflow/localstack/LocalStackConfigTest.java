package io.orderflow.localstack;

import io.orderflow.api.DemoKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalStackConfigTest {

    private static final Path WORKING_DIR = Path.of("/projects/orderflow");

    @Test
    void shouldDefaultToLocalPortsAndADotDirectoryInTheWorkingDirectory() {
        LocalStackConfig config = LocalStackConfig.from(Map.of(), List.of(), WORKING_DIR);

        assertThat(config.home()).isEqualTo(Path.of("/projects/orderflow/.orderflow"));
        assertThat(config.kafkaDir()).isEqualTo(Path.of("/projects/orderflow/.orderflow/kafka"));
        assertThat(config.registryDir()).isEqualTo(Path.of("/projects/orderflow/.orderflow/registry"));
        assertThat(config.logsDir()).isEqualTo(Path.of("/projects/orderflow/.orderflow/logs"));
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.registryPort()).isEqualTo(8081);
        assertThat(config.externalKafka()).isEmpty();
        assertThat(config.externalRegistry()).isEmpty();
        assertThat(config.instances()).isEqualTo(1);
    }

    @Test
    void shouldReadHomeAndPortsFromTheEnvironment() {
        LocalStackConfig config = LocalStackConfig.from(
                Map.of("ORDERFLOW_HOME", "/data/of", "KAFKA_PORT", "19092", "REGISTRY_PORT", " 18081 "),
                List.of(), WORKING_DIR);

        assertThat(config.home()).isEqualTo(Path.of("/data/of"));
        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.registryPort()).isEqualTo(18081);
    }

    @Test
    void shouldUseAnExternalClusterAndRegistryWhenBothAreGiven() {
        LocalStackConfig config = LocalStackConfig.from(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092", "SCHEMA_REGISTRY_URL", "http://registry:8081"),
                List.of(), WORKING_DIR);

        assertThat(config.externalKafka()).contains("kafka-1:9092");
        assertThat(config.externalRegistry()).contains("http://registry:8081");
    }

    @Test
    void shouldTreatBlankVariablesAsUnset() {
        LocalStackConfig config = LocalStackConfig.from(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", " ", "KAFKA_PORT", ""), List.of(), WORKING_DIR);

        assertThat(config.externalKafka()).isEmpty();
        assertThat(config.kafkaPort()).isEqualTo(9092);
    }

    @Test
    void shouldNameTheVariableAndTheValueOfABadPort() {
        assertThatThrownBy(() -> LocalStackConfig.from(Map.of("KAFKA_PORT", "90a2"), List.of(), WORKING_DIR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KAFKA_PORT must be a whole number, not '90a2'");
        assertThatThrownBy(() -> LocalStackConfig.from(Map.of("REGISTRY_PORT", "0"), List.of(), WORKING_DIR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("REGISTRY_PORT must be between 1 and 65535, not '0'");
        AppSpec gateway = AppSpec.jar("ingest-gateway", Path.of("gw.jar"), "GATEWAY_PORT", 8080, false);
        assertThatThrownBy(() -> LocalStackConfig.from(Map.of("GATEWAY_PORT", "80 80"), List.of(), WORKING_DIR)
                .basePort(gateway))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GATEWAY_PORT must be a whole number, not '80 80'");
    }

    @Test
    void shouldReadTheInstanceCountAsASettingIsRead() {
        assertThatThrownBy(() -> LocalStackConfig.from(Map.of(), List.of("--instances", "two"), WORKING_DIR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--instances must be a whole number, not 'two'");
        assertThatThrownBy(() -> LocalStackConfig.from(Map.of(), List.of("--instances=0"), WORKING_DIR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--instances must be at least 1, not '0'");
    }

    @Test
    void shouldTreatABlankHomeOrRootAsUnset() {
        LocalStackConfig config = LocalStackConfig.from(Map.of("ORDERFLOW_HOME", " ", "ORDERFLOW_ROOT", "",
                "SCHEMA_REGISTRY_URL", " "), List.of(), WORKING_DIR);

        assertThat(config.home()).isEqualTo(Path.of("/projects/orderflow/.orderflow"));
        assertThat(config.projectRoot()).isEmpty();
        assertThat(config.externalRegistry()).isEmpty();
    }

    @Test
    void shouldLookForApplicationJarsInTheGivenRoot() {
        assertThat(LocalStackConfig.from(Map.of(), List.of(), WORKING_DIR).projectRoot()).isEmpty();
        assertThat(LocalStackConfig.from(Map.of("ORDERFLOW_ROOT", "checkout"), List.of(), WORKING_DIR).projectRoot())
                .contains(Path.of("/projects/orderflow/checkout"));
    }

    @Test
    void shouldReadTheInstanceCountInBothSpellings() {
        assertThat(LocalStackConfig.from(Map.of(), List.of("--instances", "3"), WORKING_DIR).instances()).isEqualTo(3);
        assertThat(LocalStackConfig.from(Map.of(), List.of("--instances=2"), WORKING_DIR).instances()).isEqualTo(2);
    }

    @Test
    void shouldSecureTheLocalBrokerOnlyWhenAsked() {
        assertThat(LocalStackConfig.from(Map.of(), List.of(), WORKING_DIR).secure()).isFalse();
        assertThat(LocalStackConfig.from(Map.of(), List.of("--secure"), WORKING_DIR).secure()).isTrue();
        assertThat(LocalStackConfig.from(Map.of("ORDERFLOW_SECURE", "yes"), List.of(), WORKING_DIR).secure()).isTrue();
        assertThat(LocalStackConfig.from(Map.of("ORDERFLOW_SECURE", "0"), List.of(), WORKING_DIR).secure()).isFalse();
        assertThat(LocalStackConfig.from(Map.of(), List.of("--secure"), WORKING_DIR).secureDir())
                .isEqualTo(Path.of("/projects/orderflow/.orderflow/secure"));
        assertThatThrownBy(() -> LocalStackConfig.from(Map.of("ORDERFLOW_SECURE", "maybe"), List.of(), WORKING_DIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ORDERFLOW_SECURE");
    }

    @Test
    void shouldRefuseToSecureAClusterItDoesNotStart() {
        assertThatThrownBy(() -> LocalStackConfig.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092"),
                List.of("--secure"), WORKING_DIR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL");
    }

    @Test
    void shouldKeepAnAppFromInheritingTheTwinOfASettingItGetsFromAFile() {
        assertThat(LocalStack.inheritedTwins(Map.of("KAFKA_SASL_JAAS_CONFIG_FILE", "/s/jaas", "KAFKA_SASL_MECHANISM", "X")))
                .containsExactly("KAFKA_SASL_JAAS_CONFIG");
    }

    @Test
    void shouldRunTheDemoTrafficUnlessToldNotTo() {
        assertThat(LocalStackConfig.from(Map.of(), List.of(), WORKING_DIR).demo()).isTrue();
        assertThat(LocalStackConfig.from(Map.of(), List.of("--no-demo"), WORKING_DIR).demo()).isFalse();
        assertThat(LocalStackConfig.from(Map.of("ORDERFLOW_DEMO", "false"), List.of(), WORKING_DIR).demo()).isFalse();
        assertThat(LocalStackConfig.from(Map.of("ORDERFLOW_DEMO", "false"), List.of("--demo"), WORKING_DIR).demo()).isTrue();
    }

    @Test
    void shouldNotGiveAPortToAnApplicationWithout() {
        LocalStackConfig config = LocalStackConfig.from(Map.of(), List.of(), WORKING_DIR);
        AppSpec demo = AppSpec.orderflowApps().stream().filter(app -> app.name().equals(AppSpec.DEMO)).findFirst().orElseThrow();

        assertThat(demo.hasPort()).isFalse();
        assertThrows(IllegalArgumentException.class, () -> config.basePort(demo));
    }

    @Test
    void shouldRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> LocalStackConfig.from(Map.of(), List.of("--instances", "0"), WORKING_DIR));
        assertThrows(IllegalArgumentException.class, () -> LocalStackConfig.from(Map.of(), List.of("--instances", "two"), WORKING_DIR));
        assertThrows(IllegalArgumentException.class, () -> LocalStackConfig.from(Map.of(), List.of("--verbose"), WORKING_DIR));
        assertThrows(IllegalArgumentException.class, () -> LocalStackConfig.from(Map.of("KAFKA_PORT", "70000"), List.of(), WORKING_DIR));
    }

    @Test
    void shouldMoveAnApplicationsFirstPortWithTheVariableItReadsItsPortFrom() {
        AppSpec streams = AppSpec.jar("streams-app", Path.of("streams-app/target/app.jar"), "QUERY_PORT", 7070, true);

        assertThat(LocalStackConfig.from(Map.of(), List.of(), WORKING_DIR).basePort(streams)).isEqualTo(7070);
        assertThat(LocalStackConfig.from(Map.of("QUERY_PORT", "7100"), List.of(), WORKING_DIR).basePort(streams))
                .isEqualTo(7100);
    }

    @Test
    void shouldLaunchAJarOrAMainClass() {
        Path root = Path.of("/projects/orderflow");
        AppSpec jar = AppSpec.jar("gateway", Path.of("gateway/target/gateway.jar"), "GATEWAY_PORT", 8080, false);
        AppSpec main = AppSpec.mainClass("tool", "io.orderflow.Tool",
                List.of(Path.of("tool/target/classes"), Path.of("lib/a.jar")), "TOOL_PORT", 9000, false);

        assertThat(jar.javaArguments(root)).containsExactly("-Xmx512m", "-jar", "/projects/orderflow/gateway/target/gateway.jar");
        assertThat(main.javaArguments(root)).containsExactly("-Xmx512m", "-cp",
                "/projects/orderflow/tool/target/classes:/projects/orderflow/lib/a.jar", "io.orderflow.Tool");
        assertThat(jar.isBuiltIn(root)).isFalse();
    }

    @Test
    void shouldFillInEachInstancesPlaceholders() {
        AppSpec streams = AppSpec.jar("streams-app", Path.of("streams-app/target/app.jar"), "QUERY_PORT", 7070, true)
                .withEnv(Map.of("STREAMS_APPLICATION_SERVER", "localhost:{port}", "GATEWAY", "http://localhost:{port:gateway}",
                        "STATE", "{stateDir}", "FIXED", "as is"));

        Map<String, String> env = streams.expandedEnv(Map.of(
                "port", "7071", "port:gateway", "8080", "stateDir", "/home/state/streams-app-2"));

        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of(
                "STREAMS_APPLICATION_SERVER", "localhost:7071",
                "GATEWAY", "http://localhost:8080",
                "STATE", "/home/state/streams-app-2",
                "FIXED", "as is"));
    }

    @Test
    void shouldRunOneStandbyOfTheStreamsAppOnlyWhenAnotherInstanceCanHoldIt() {
        AppSpec streams = AppSpec.orderflowApps().stream().filter(app -> app.name().equals("streams-app"))
                .findFirst().orElseThrow();

        assertThat(streams.defaultEnv(2)).containsEntry("STREAMS_NUM_STANDBY_REPLICAS", "1");
        assertThat(streams.defaultEnv(3)).containsEntry("STREAMS_NUM_STANDBY_REPLICAS", "1");
        assertThat(streams.defaultEnv(1)).containsEntry("STREAMS_NUM_STANDBY_REPLICAS", "0");
    }

    @Test
    void shouldAskBothHttpAppsForTheDemoKeysUnlessTheUserSaysOtherwise() {
        for (String name : List.of("ingest-gateway", "streams-app")) {
            AppSpec app = AppSpec.orderflowApps().stream().filter(spec -> spec.name().equals(name)).findFirst()
                    .orElseThrow();
            assertThat(app.defaultEnv(1)).as(name).containsEntry("GATEWAY_DEMO_KEYS", "true");
        }
    }

    @Test
    void shouldListExactlyTheDeclaredDemoKeysWithWhatEachMayDo() {
        List<String> lines = LocalStack.demoKeyLines();

        assertThat(lines).hasSameSizeAs(DemoKeys.ALL);
        for (int i = 0; i < lines.size(); i++) {
            DemoKeys.Key key = DemoKeys.ALL.get(i);
            assertThat(lines.get(i)).startsWith(key.key() + " ").endsWith(" " + key.description());
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("demo-platform "))
                .anySatisfy(line -> assertThat(line).startsWith("demo-logistics-sf ").contains("demo-secret-sf"));
    }

    @Test
    void shouldReadOrderflowDemoWithTheProjectsOneFlagParser() {
        assertThat(LocalStackConfig.from(Map.of("ORDERFLOW_DEMO", "no"), List.of(), Path.of("/home")).demo()).isFalse();
        assertThat(LocalStackConfig.from(Map.of("ORDERFLOW_DEMO", "1"), List.of(), Path.of("/home")).demo()).isTrue();
        assertThatThrownBy(() -> LocalStackConfig.from(Map.of("ORDERFLOW_DEMO", "off"), List.of(), Path.of("/home")))
                .hasMessageContaining("ORDERFLOW_DEMO must be true or false");
    }
}
