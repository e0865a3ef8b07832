package io.orderflow.localstack;

import io.orderflow.api.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code up} runs, read from the environment and the command line.
 *
 * @param home            where the data and logs live ({@code kafka/}, {@code registry/}, {@code logs/}, {@code state/},
 *                        {@code secure/})
 * @param kafkaPort       the broker's port when it is started here
 * @param registryPort    the registry's port when it is started here
 * @param externalKafka   bootstrap servers of a cluster that runs elsewhere: then no broker is started
 * @param externalRegistry Confluent-compatible URL of a registry that runs elsewhere: then none is started
 * @param instances       how many instances of each scalable application
 * @param projectRoot     where the applications' jars are looked up, when not the launcher's own project
 * @param env             the environment, for the applications' port variables
 * @param demo            whether the demo traffic generator runs (default yes; {@code --no-demo} or ORDERFLOW_DEMO=false)
 * @param secure          whether the local broker's client port is SASL_SSL with SCRAM-SHA-512, and the apps connect
 *                        so ({@code --secure} or ORDERFLOW_SECURE=true; default no)
 */
public record LocalStackConfig(
        Path home,
        int kafkaPort,
        int registryPort,
        Optional<String> externalKafka,
        Optional<String> externalRegistry,
        int instances,
        Optional<Path> projectRoot,
        Map<String, String> env,
        boolean demo,
        boolean secure) {

    public static final String HOME_ENV = "ORDERFLOW_HOME";
    public static final String KAFKA_PORT_ENV = "KAFKA_PORT";
    public static final String REGISTRY_PORT_ENV = "REGISTRY_PORT";
    public static final String BOOTSTRAP_SERVERS_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String REGISTRY_URL_ENV = "SCHEMA_REGISTRY_URL";
    public static final String ROOT_ENV = "ORDERFLOW_ROOT";
    public static final String DEMO_ENV = "ORDERFLOW_DEMO";
    public static final String SECURE_ENV = "ORDERFLOW_SECURE";
    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int DEFAULT_REGISTRY_PORT = 8081;
    static final String DEFAULT_HOME = ".orderflow";
    static final String INSTANCES_OPTION = "--instances";

    public LocalStackConfig {
        env = Map.copyOf(env);
        if (instances < 1) {
            throw new IllegalArgumentException("--instances must be at least 1, not " + instances);
        }
        if (secure && externalKafka.isPresent()) {
            throw new IllegalArgumentException("--secure (" + SECURE_ENV + ") secures the broker that up starts; with "
                    + BOOTSTRAP_SERVERS_ENV + " set, give the apps your cluster's KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*"
                    + " and KAFKA_SSL_* instead");
        }
    }

    /**
     * Reads {@value #HOME_ENV} (default {@code ./.orderflow}, relative to {@code workingDir}),
     * {@value #KAFKA_PORT_ENV} (9092), {@value #REGISTRY_PORT_ENV} (8081), {@value #BOOTSTRAP_SERVERS_ENV} and
     * {@value #REGISTRY_URL_ENV}, {@value #ROOT_ENV}, {@value #DEMO_ENV} (true), {@value #SECURE_ENV} (false) from
     * {@code env}, and {@code --instances N}, {@code --demo}, {@code --no-demo} and {@code --secure} from the arguments
     * after the command.
     */
    public static LocalStackConfig from(Map<String, String> env, List<String> options, Path workingDir) {
        Path home = workingDir.resolve(Settings.text(env, HOME_ENV, DEFAULT_HOME)).toAbsolutePath().normalize();
        boolean demo = Settings.flag(env, DEMO_ENV, true);
        boolean secure = Settings.flag(env, SECURE_ENV, false);
        // what the command line gives, read as settings so that a bad value reads as one in the environment does
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option.equals("--demo") || option.equals("--no-demo")) {
                demo = option.equals("--demo");
            } else if (option.equals("--secure")) {
                secure = true;
            } else if (option.equals(INSTANCES_OPTION) && i + 1 < options.size()) {
                given.put(INSTANCES_OPTION, options.get(++i));
            } else if (option.startsWith(INSTANCES_OPTION + "=")) {
                given.put(INSTANCES_OPTION, option.substring(INSTANCES_OPTION.length() + 1));
            } else {
                throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        return new LocalStackConfig(
                home,
                port(env, KAFKA_PORT_ENV, DEFAULT_KAFKA_PORT),
                port(env, REGISTRY_PORT_ENV, DEFAULT_REGISTRY_PORT),
                Optional.ofNullable(Settings.text(env, BOOTSTRAP_SERVERS_ENV, null)),
                Optional.ofNullable(Settings.text(env, REGISTRY_URL_ENV, null)),
                Settings.bounded(given, INSTANCES_OPTION, 1, 1, Integer.MAX_VALUE),
                Optional.ofNullable(Settings.text(env, ROOT_ENV, null))
                        .map(root -> workingDir.resolve(root).toAbsolutePath().normalize()),
                env,
                demo,
                secure);
    }

    public Path kafkaDir() {
        return home.resolve("kafka");
    }

    public Path registryDir() {
        return home.resolve("registry");
    }

    /** The local broker's TLS stores, passwords and client settings in secure mode ({@link BrokerSecurity}). */
    public Path secureDir() {
        return home.resolve("secure");
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    /** Where an application instance keeps local state (Kafka Streams state stores). */
    public Path stateDir(String instanceName) {
        return home.resolve("state").resolve(instanceName);
    }

    /** The first port of an application: the launcher's value of its port variable, else its default. */
    public int basePort(AppSpec app) {
        if (!app.hasPort()) {
            throw new IllegalArgumentException(app.name() + " listens on no port");
        }
        return port(env, app.portEnv(), app.defaultPort());
    }

    static int port(Map<String, String> env, String name, int defaultPort) {
        return Settings.bounded(env, name, defaultPort, 1, 65_535);
    }
}
