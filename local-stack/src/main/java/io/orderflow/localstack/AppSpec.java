package io.orderflow.localstack;

import io.orderflow.api.ApiKeys;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code up} launches one application as a child JVM: either {@code java -jar <jar>} or
 * {@code java -cp <classpath> <mainClass>}, paths relative to the project root.
 *
 * <p>Every instance gets {@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL} (the Confluent-compatible
 * base URL), {@code ORDERFLOW_HOME}, and its HTTP port in {@code portEnv}: the launcher's own value of
 * {@code portEnv}, else {@code defaultPort}, plus the instance index minus one for scalable applications.
 * Values in {@code env} may use {@code {port}}, {@code {instance}} (1, 2, ...), {@code {stateDir}} (a directory
 * of its own under the home), {@code {port:<app>}} (the first port of another application) and
 * {@code {peerSecret}} (a secret made up once per launch, the same for every instance).
 *
 * @param name        kebab-case name, also the prefix of its log files
 * @param classpath   the jar, or the classpath entries when {@code mainClass} is given
 * @param mainClass   empty to run the jar's own main class
 * @param portEnv     the variable the application reads its HTTP port from, also the launcher's override;
 *                    empty for an application that listens on no port (the demo traffic generator)
 * @param defaultPort the port of the first instance (unused without a port)
 * @param scalable    whether {@code --instances N} starts N of it
 * @param jvmOptions  options before the jar or main class (heap size)
 * @param env         extra environment, with placeholders
 * @param defaults    environment given unless the launcher's own environment sets the variable, for settings a
 *                    user may change; values may use {@code {standbys}}, the standby replicas the instances can
 *                    hold: 1 when more than one instance runs, else 0
 */
public record AppSpec(
        String name,
        List<Path> classpath,
        Optional<String> mainClass,
        String portEnv,
        int defaultPort,
        boolean scalable,
        List<String> jvmOptions,
        Map<String, String> env,
        Map<String, String> defaults) {

    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");
    /** The name of the demo traffic generator, which {@code --no-demo} leaves out. */
    public static final String DEMO = "demo";

    public AppSpec {
        classpath = List.copyOf(classpath);
        jvmOptions = List.copyOf(jvmOptions);
        env = Map.copyOf(env);
        defaults = Map.copyOf(defaults);
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException(name + ": no jar or classpath");
        }
    }

    /** An application packaged as a runnable jar. */
    public static AppSpec jar(String name, Path jar, String portEnv, int defaultPort, boolean scalable) {
        return new AppSpec(name, List.of(jar), Optional.empty(), portEnv, defaultPort, scalable,
                DEFAULT_JVM_OPTIONS, Map.of(), Map.of());
    }

    /** A runnable jar that listens on no port, such as a traffic generator: one instance, waited for by nothing. */
    public static AppSpec worker(String name, Path jar) {
        return new AppSpec(name, List.of(jar), Optional.empty(), "", 0, false, List.of("-Xmx128m"), Map.of(), Map.of());
    }

    /** Whether the application listens on an HTTP port. */
    public boolean hasPort() {
        return !portEnv.isEmpty();
    }

    /** An application started by main class from a classpath. */
    public static AppSpec mainClass(String name, String mainClass, List<Path> classpath, String portEnv,
                                    int defaultPort, boolean scalable) {
        return new AppSpec(name, classpath, Optional.of(mainClass), portEnv, defaultPort, scalable,
                DEFAULT_JVM_OPTIONS, Map.of(), Map.of());
    }

    public AppSpec withEnv(Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(extra);
        return new AppSpec(name, classpath, mainClass, portEnv, defaultPort, scalable, jvmOptions, merged, defaults);
    }

    public AppSpec withDefaults(Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(defaults);
        merged.putAll(extra);
        return new AppSpec(name, classpath, mainClass, portEnv, defaultPort, scalable, jvmOptions, env, merged);
    }

    /**
     * The {@code defaults} when {@code instances} instances run, placeholders replaced: what local mode sets
     * unless told otherwise, and what the e2e tests run with.
     */
    public Map<String, String> defaultEnv(int instances) {
        return expand(defaults, Map.of("standbys", instances > 1 ? "1" : "0"));
    }

    /**
     * The applications of orderflow, in start order: the gateway creates the topics it writes, which the
     * streams app reads; the demo traffic generator drives the gateway and reads the query API. A module that
     * ships a runnable jar adds itself here; {@code up} skips the ones not built yet.
     */
    /**
     * Local mode asks for the documented demo keys (the apps serve them only when asked, and warn); a user who
     * sets GATEWAY_DEMO_KEYS=false and keys of their own gets those instead.
     */
    private static final Map<String, String> DEMO_KEYS_ON = Map.of(ApiKeys.DEMO_KEYS_SETTING, "true");

    public static List<AppSpec> orderflowApps() {
        return List.of(
                jar("ingest-gateway", Path.of("ingest-gateway", "target", "orderflow-ingest-gateway.jar"), "GATEWAY_PORT", 8080, false)
                        .withEnv(Map.of(
                                "GATEWAY_INSTANCE_ID", "gateway-{instance}",
                                "QUERY_API_URL", "http://localhost:{port:streams-app}"))
                        .withDefaults(DEMO_KEYS_ON),
                jar("streams-app", Path.of("streams-app", "target", "orderflow-streams-app.jar"), "QUERY_PORT", 7070, true)
                        .withEnv(Map.of(
                                "STREAMS_STATE_DIR", "{stateDir}",
                                "STREAMS_APPLICATION_SERVER", "localhost:{port}",
                                "QUERY_PEER_SECRET", "{peerSecret}",
                                // the order desk's page sends its commands through its own origin to the gateway
                                "QUERY_GATEWAY_URL", "http://localhost:{port:ingest-gateway}"))
                        // A warm copy of every task on another instance, as docker-compose.yml runs it: a crashed
                        // instance's partitions are answered from it at once and resume without a full restore.
                        // Not with one instance, where Kafka Streams could place none and warns on every rebalance.
                        .withDefaults(Map.of("STREAMS_NUM_STANDBY_REPLICAS", "{standbys}",
                                ApiKeys.DEMO_KEYS_SETTING, "true")),
                worker(DEMO, Path.of("demo", "target", "orderflow-demo.jar"))
                        .withEnv(Map.of(
                                "GATEWAY_URL", "http://localhost:{port:ingest-gateway}",
                                "QUERY_API_URL", "http://localhost:{port:streams-app}")));
    }

    /** {@code env} with every {@code {name}} placeholder replaced by its value in {@code values}. */
    Map<String, String> expandedEnv(Map<String, String> values) {
        return expand(env, values);
    }

    private static Map<String, String> expand(Map<String, String> templates, Map<String, String> values) {
        Map<String, String> expanded = new HashMap<>();
        templates.forEach((key, template) -> {
            String value = template;
            for (Map.Entry<String, String> placeholder : values.entrySet()) {
                value = value.replace("{" + placeholder.getKey() + "}", placeholder.getValue());
            }
            expanded.put(key, value);
        });
        return expanded;
    }

    /** Whether every classpath entry exists under {@code projectRoot}. */
    public boolean isBuiltIn(Path projectRoot) {
        return classpath.stream().allMatch(entry -> Files.exists(projectRoot.resolve(entry)));
    }

    /** The command after {@code java}: options, then {@code -jar <jar>} or {@code -cp <classpath> <main>}. */
    List<String> javaArguments(Path projectRoot) {
        List<String> arguments = new ArrayList<>(jvmOptions);
        if (mainClass.isPresent()) {
            arguments.add("-cp");
            arguments.add(String.join(File.pathSeparator,
                    classpath.stream().map(entry -> projectRoot.resolve(entry).toString()).toList()));
            arguments.add(mainClass.get());
        } else {
            arguments.add("-jar");
            arguments.add(projectRoot.resolve(classpath.get(0)).toString());
        }
        return arguments;
    }
}
