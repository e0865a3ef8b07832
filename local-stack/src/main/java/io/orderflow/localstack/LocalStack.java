package io.orderflow.localstack;

import io.orderflow.api.ApiKeys;
import io.orderflow.api.DemoKeys;
import io.orderflow.api.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one-command local mode: {@code up} starts a Kafka broker and a schema registry (unless external ones are
 * configured), then every orderflow application that is built, each as a child JVM, and keeps them running
 * until Ctrl-C, which stops the applications first (SIGTERM, then a grace period), then the registry, then the
 * broker. An application that crashes is started again after a {@link Backoff} ({@link Supervisor}); one stopped
 * by Ctrl-C is not. Data is kept under {@code ORDERFLOW_HOME}, so the next {@code up} continues where this one
 * stopped.
 *
 * <p>With {@code --secure} (or {@code ORDERFLOW_SECURE=true}) the broker's client port is SASL_SSL with SCRAM-SHA-512
 * ({@link BrokerSecurity}), and the applications get only the ecosystem's {@code KAFKA_*} variables to reach it.
 *
 * <p>Environment: {@code ORDERFLOW_HOME} (default {@code ./.orderflow}), {@code KAFKA_PORT} (9092),
 * {@code REGISTRY_PORT} (8081), {@code KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL} (use a cluster or
 * registry that runs elsewhere), and each application's port variable ({@code GATEWAY_PORT}, {@code QUERY_PORT}).
 */
public final class LocalStack {

    static final String USAGE = """
            Usage: orderflow <command>

            Commands:
              up [--instances N] [--no-demo] [--secure]
                                   start Kafka, the schema registry and the built applications;
                                   N instances of each scalable application (default 1). The demo traffic
                                   generator runs unless --no-demo (or ORDERFLOW_DEMO=false). With --secure (or
                                   ORDERFLOW_SECURE=true) Kafka's port is SASL_SSL (SCRAM-SHA-512), certificates
                                   and passwords in ORDERFLOW_HOME/secure/. An application that crashes is
                                   restarted (after 1 s, doubling up to 30 s). Ctrl-C stops all.
              help                 show this text

            Environment:
              ORDERFLOW_HOME           data and logs (default ./.orderflow: kafka/, registry/, state/, logs/, secure/)
              KAFKA_PORT               broker port (default 9092)
              REGISTRY_PORT            schema registry port (default 8081)
              KAFKA_BOOTSTRAP_SERVERS  use this Kafka cluster instead of starting a broker
              SCHEMA_REGISTRY_URL      use this Confluent-compatible registry instead of starting one
              GATEWAY_PORT             ingest-gateway HTTP port (default 8080)
              QUERY_PORT               first streams-app query port (default 7070; instance i gets +i-1)
              ORDERFLOW_ROOT           where the applications' jars are built (default: this launcher's project)
            """;
    static final String LOGBACK_CONFIG = "orderflow-local-stack-logback.xml";
    private static final Duration APP_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration APP_STOP_GRACE = Duration.ofSeconds(30);
    /**
     * The broker of local mode waits 3 s (Kafka's default; the test broker waits none) before it assigns the tasks
     * of a group that was empty, and 3 s more for each member joining meanwhile: the instances of an {@code up}
     * start together, and then share out the tasks in one rebalance, instead of the first taking all of them and
     * restoring them only to hand half over in a second rebalance a few seconds later.
     */
    public static final Map<String, String> BROKER_SETTINGS = Map.of("group.initial.rebalance.delay.ms", "3000");

    private final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private final LocalStackConfig config;
    private final List<AppSpec> apps;
    private final Path projectRoot;
    private final List<Supervisor<ChildProcess>> running = new ArrayList<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "orderflow-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Supervisor.Timer timer = Supervisor.Timer.on(restarts);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread shutdownHook = new Thread(this::stop, "orderflow-stop");
    /** {@code {peerSecret}}: one per launch, so the streams-app instances answer each other's peer calls. */
    private final String peerSecret = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
    private volatile KafkaBroker broker;
    /** What secures the local broker in secure mode; null otherwise. */
    private volatile BrokerSecurity security;
    private volatile SchemaRegistry registry;
    private volatile String bootstrapServers;
    private volatile String registryUrl;
    private boolean stopping;

    public LocalStack(LocalStackConfig config, List<AppSpec> apps, Path projectRoot) {
        this.config = config;
        this.apps = List.copyOf(apps);
        this.projectRoot = projectRoot;
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        switch (command) {
            case "up" -> System.exit(up(options));
            case "help", "-h", "--help" -> System.out.print(USAGE);
            default -> {
                System.err.println("Unknown command: " + command);
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }

    private static int up(List<String> options) {
        LocalStackConfig config;
        try {
            config = LocalStackConfig.from(System.getenv(), options, Path.of(""));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        configureLogging(config.logsDir());
        LocalStack stack = new LocalStack(config, AppSpec.orderflowApps(), config.projectRoot().orElseGet(LocalStack::projectRoot));
        try {
            stack.start();
        } catch (RuntimeException e) {
            // The message says what to do; Kafka's own errors are in the console and logs/kafka.log already.
            LoggerFactory.getLogger(LocalStack.class).error("orderflow could not start: {}", e.getMessage());
            stack.stop();
            return 1;
        }
        stack.awaitStop();
        return 0;
    }

    /**
     * Starts broker, registry and applications, and registers the shutdown hook that stops them in order. On
     * failure, what was started keeps running until {@link #stop()}. Holds no lock while it waits, so that a
     * Ctrl-C during the start stops what runs so far.
     */
    public void start() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        log.info("orderflow local mode, data in {}", config.home());
        requirePortsFree();
        bootstrapServers = config.externalKafka().orElseGet(() -> {
            security = config.secure() ? BrokerSecurity.prepare(config.secureDir()) : null;
            broker = KafkaBroker.start(config.kafkaDir(), config.kafkaPort(), BROKER_SETTINGS, security);
            return broker.bootstrapServers();
        });
        registryUrl = config.externalRegistry().orElseGet(() -> {
            SchemaRegistry starting = SchemaRegistry.unstarted(config.registryDir(), config.registryPort(),
                    config.logsDir().resolve("registry.log"), false, false);
            ChildProcess child;
            synchronized (this) {
                // Spawned under the lock that stop() takes: a Ctrl-C now either sees it or prevents it.
                requireNotStopping();
                child = starting.spawnProcess();
                registry = starting;
            }
            starting.awaitStarted(child);
            return starting.url();
        });
        requireNotStopping();
        log.info("");
        log.info("  Kafka bootstrap servers  {}{}", bootstrapServers, broker == null ? "  (external)"
                : security == null ? "" : "  (secure: " + BrokerSecurity.PROTOCOL + ", " + BrokerSecurity.MECHANISM + ")");
        if (security != null) {
            log.info("  Kafka user               {}, password in {}", BrokerSecurity.APP_USER, security.appPasswordFile());
            log.info("  Kafka truststore         {} (PKCS12), password in {}", security.truststore(),
                    security.truststorePasswordFile());
            log.info("  Kafka client settings    {}  (for --command-config of Kafka's tools)",
                    security.clientPropertiesFile());
            log.info("  Applications' settings   {}", String.join(" ", security.appEnvironment().keySet()));
        }
        log.info("  Schema registry          {}{}", registryUrl, registry == null ? "  (external)"
                : "  (Confluent Schema Registry API; Apicurio Registry " + ApicurioDistribution.version() + ")"
                + (security == null ? "" : "; plain HTTP, not secured in local mode"));
        log.info("  Logs                     {}", config.logsDir());
        log.info("");
        startApps();
        printWelcome();
        log.info("Running. Ctrl-C stops everything; data stays in {}", config.home());
    }

    /** Where to go next: the URLs of what runs, and the demo API keys the gateway accepts in local mode. */
    private void printWelcome() {
        log.info("");
        for (AppSpec app : apps) {
            if (app.hasPort() && app.isBuiltIn(projectRoot)) {
                log.info("  {}{}", String.format("%-25s", app.name()), "http://localhost:" + config.basePort(app)
                        + (app.name().equals("streams-app") ? "/  (query API and dashboard)" : ""));
            }
        }
        if (Settings.flag(config.env(), ApiKeys.DEMO_KEYS_SETTING, true)) {
            log.info("");
            log.info("  Demo API keys (Authorization: Bearer <key>), on because local mode sets {}=true;"
                    + " anyone who reaches these ports can use them:", ApiKeys.DEMO_KEYS_SETTING);
            demoKeyLines().forEach(line -> log.info("    {}", line));
        }
        log.info("");
    }

    /** The demo keys as the welcome lists them, one a line: the key and what it may do. */
    static List<String> demoKeyLines() {
        return DemoKeys.ALL.stream().map(key -> String.format("%-19s %s", key.key(), key.description())).toList();
    }

    private synchronized void requireNotStopping() {
        if (stopping) {
            throw new IllegalStateException("stopped while starting");
        }
    }

    private void requirePortsFree() {
        if (config.externalKafka().isEmpty()) {
            Ports.requireFree(config.kafkaPort(), "Kafka", LocalStackConfig.KAFKA_PORT_ENV);
        }
        if (config.externalRegistry().isEmpty()) {
            Ports.requireFree(config.registryPort(), "the schema registry", LocalStackConfig.REGISTRY_PORT_ENV);
        }
        for (AppSpec app : apps) {
            if (!app.hasPort()) {
                continue;
            }
            int count = app.isBuiltIn(projectRoot) ? (app.scalable() ? config.instances() : 1) : 0;
            for (int index = 1; index <= count; index++) {
                Ports.requireFree(config.basePort(app) + index - 1, app.name() + "-" + index, app.portEnv());
            }
        }
    }

    /** Stops the applications, then the registry, then the broker. Stopping twice is harmless. */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        try {
            if (Thread.currentThread() != shutdownHook) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is this very stop, or runs it next; stopping twice is harmless.
        }
        log.info("Stopping orderflow");
        List<Supervisor<ChildProcess>> supervisors;
        synchronized (this) {
            supervisors = List.copyOf(running);
        }
        // Supervision ends before any child is stopped: a child that exits from now on is not restarted.
        List<ChildProcess> children = new ArrayList<>();
        for (Supervisor<ChildProcess> supervisor : supervisors) {
            ChildProcess child = supervisor.stop();
            if (child != null) {
                children.add(child);
            }
        }
        restarts.shutdownNow();
        // SIGTERM to all at once, then one shared deadline: a Kafka Streams instance closing mid-rebalance
        // may take a while, and N instances should not take N times as long.
        children.forEach(child -> child.process().destroy());
        long deadline = System.nanoTime() + APP_STOP_GRACE.toNanos();
        List<ChildProcess> newestFirst = new ArrayList<>(children);
        Collections.reverse(newestFirst);
        for (ChildProcess child : newestFirst) {
            int exit = child.stop(deadline);
            log.info("  stopped {} (exit {})", child.name(), exit);
        }
        if (registry != null) {
            registry.stop();
            log.info("  stopped schema registry");
        }
        if (broker != null) {
            broker.stop();
            log.info("  stopped Kafka broker");
        }
        stopped.countDown();
    }

    /** What secures the broker this stack started, in secure mode. */
    public java.util.Optional<BrokerSecurity> security() {
        return java.util.Optional.ofNullable(security);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record AppInstance(String name, int port, Supervisor<ChildProcess> supervisor) {
    }

    /** Starts the applications one after the other, each once its predecessors accept connections. */
    private void startApps() {
        for (AppSpec app : apps) {
            if (app.name().equals(AppSpec.DEMO) && !config.demo()) {
                log.info("  {}: off (--no-demo)", app.name());
                continue;
            }
            if (!app.isBuiltIn(projectRoot)) {
                log.info("  {}: not built yet (no {})", app.name(), app.classpath().get(0));
                continue;
            }
            int count = app.scalable() ? config.instances() : 1;
            List<AppInstance> instances = new ArrayList<>();
            for (int index = 1; index <= count; index++) {
                instances.add(startInstance(app, index));
            }
            instances.forEach(this::awaitApp);
        }
    }

    private AppInstance startInstance(AppSpec app, int index) {
        String name = app.name() + "-" + index;
        int port = app.hasPort() ? config.basePort(app) + index - 1 : 0;
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(app.javaArguments(projectRoot));
        Map<String, String> env = appEnvironment(app, index, name, port);
        Path logFile = config.logsDir().resolve(name + ".log");
        List<String> removedEnv = inheritedTwins(env);
        Supervisor<ChildProcess> supervisor = new Supervisor<>(name,
                () -> ChildProcess.start(name, command, env, removedEnv, logFile, true, false),
                Backoff.DEFAULT, timer, line -> log.warn("  {} (log {})", line, logFile));
        synchronized (this) {
            // Spawned under the lock that stop() takes: a Ctrl-C now either sees it or prevents it.
            requireNotStopping();
            supervisor.start();
            running.add(supervisor);
        }
        if (app.hasPort()) {
            log.info("  {}: starting on port {} (log {})", name, port, logFile);
        } else {
            log.info("  {}: starting (log {})", name, logFile);
        }
        return new AppInstance(name, port, supervisor);
    }

    private Map<String, String> appEnvironment(AppSpec app, int index, String name, int port) {
        Map<String, String> placeholders = new HashMap<>();
        placeholders.put("port", Integer.toString(port));
        placeholders.put("instance", Integer.toString(index));
        placeholders.put("stateDir", config.stateDir(name).toString());
        placeholders.put("peerSecret", peerSecret);
        apps.stream().filter(AppSpec::hasPort)
                .forEach(other -> placeholders.put("port:" + other.name(), Integer.toString(config.basePort(other))));

        Map<String, String> env = new TreeMap<>();
        env.put(LocalStackConfig.BOOTSTRAP_SERVERS_ENV, bootstrapServers);
        if (security != null) {
            // Only the ecosystem's KAFKA_* variables, as a platform would configure the apps; secrets by file.
            env.putAll(security.appEnvironment());
        }
        env.put(LocalStackConfig.REGISTRY_URL_ENV, registryUrl);
        env.put(LocalStackConfig.HOME_ENV, config.home().toString());
        if (app.hasPort()) {
            env.put(app.portEnv(), Integer.toString(port));
        }
        env.putAll(app.expandedEnv(placeholders));
        app.defaultEnv(app.scalable() ? config.instances() : 1).forEach((key, value) -> {
            if (!Settings.isSet(config.env(), key)) {
                env.put(key, value);
            }
        });
        return env;
    }

    /**
     * The variables an application must not inherit from the launcher because {@code env} gives the same setting
     * from a file ({@code X_FILE}): an app refuses {@code X} and {@code X_FILE} together.
     */
    static List<String> inheritedTwins(Map<String, String> env) {
        return env.keySet().stream().filter(name -> name.endsWith("_FILE"))
                .map(name -> name.substring(0, name.length() - "_FILE".length())).toList();
    }

    /** Waits until an application accepts connections on its port; one that does not is reported, not fatal. */
    private void awaitApp(AppInstance instance) {
        if (instance.port() == 0) {
            return;
        }
        ChildProcess first = instance.supervisor().current();
        try {
            Await.until(APP_READY_TIMEOUT, instance.name() + " on port " + instance.port(), () -> {
                if (!first.isAlive()) {
                    throw new Await.GiveUp("it exited with code " + first.process().exitValue());
                }
                new Socket(InetAddress.getLoopbackAddress(), instance.port()).close();
                return true;
            });
            log.info("  {}: ready on http://localhost:{}", instance.name(), instance.port());
        } catch (IllegalStateException e) {
            log.warn("  {}: {}; last lines of {}:{}{}", instance.name(), e.getMessage(), first.logFile(),
                    System.lineSeparator(), first.logTail(20));
        }
    }

    /**
     * Sends the launcher's own logs to the console and the broker's (it runs in this JVM) to
     * {@code logs/kafka.log}, unless a logback configuration is given with {@code -Dlogback.configurationFile}.
     */
    static void configureLogging(Path logsDir) {
        try {
            Files.createDirectories(logsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + logsDir, e);
        }
        System.setProperty("orderflow.logs", logsDir.toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
    }

    /**
     * The project root, where the applications' jars are built: the parent of {@code local-stack} when this
     * class runs from {@code local-stack/target}, else the working directory.
     */
    static Path projectRoot() {
        return ApicurioDistribution.moduleTargetDir()
                .map(Path::getParent)
                .filter(module -> module.getFileName() != null && module.getFileName().toString().equals("local-stack"))
                .map(Path::getParent)
                .orElse(Path.of("").toAbsolutePath());
    }
}
