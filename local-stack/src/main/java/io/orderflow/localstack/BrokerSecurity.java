package io.orderflow.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What secures the local broker ({@code ./orderflow up --secure}): a SASL_SSL listener with SCRAM-SHA-512, a TLS key
 * pair for {@code localhost} made with the JDK's {@code keytool} on first use, and one SCRAM user for the
 * applications ({@value #APP_USER}) and one for the broker's own connections to itself ({@value #BROKER_USER}).
 *
 * <p>Everything lives in one directory ({@code .orderflow/secure/}), readable by its owner only, and is reused by
 * the next start: the passwords, each in a file of its own, the broker's keystore, the truststore clients need
 * ({@code truststore.p12}), the applications' JAAS line ({@code client.jaas}) and a {@code client.properties}
 * for Kafka's command-line tools. Delete the directory to make new ones.
 *
 * <p>The applications get only the ecosystem's variables ({@link #appEnvironment()}), the secrets as
 * {@code _FILE} variables, so that no password is in any process's environment or command line. Nothing here
 * logs a password; {@link #toString()} names files only.
 */
public final class BrokerSecurity {

    public static final String PROTOCOL = "SASL_SSL";
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The SCRAM user the applications connect as. */
    public static final String APP_USER = "orderflow";
    /** The SCRAM user of the broker's connections to its own listener (transaction markers). */
    static final String BROKER_USER = "orderflow-broker";
    private static final String STORE_TYPE = "PKCS12";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final int SCRAM_ITERATIONS = 8192;

    private static final String KEYSTORE = "broker-keystore.p12";
    private static final String KEYSTORE_PASSWORD = "broker-keystore.password";
    private static final String TRUSTSTORE = "truststore.p12";
    private static final String TRUSTSTORE_PASSWORD = "truststore.password";
    private static final String BROKER_PASSWORD = BROKER_USER + ".password";
    private static final String APP_PASSWORD = APP_USER + ".password";
    private static final String CLIENT_JAAS = "client.jaas";
    private static final String CLIENT_PROPERTIES = "client.properties";
    private static final List<String> FILES = List.of(KEYSTORE, KEYSTORE_PASSWORD, TRUSTSTORE, TRUSTSTORE_PASSWORD,
            BROKER_PASSWORD, APP_PASSWORD, CLIENT_JAAS, CLIENT_PROPERTIES);

    private static final Logger log = LoggerFactory.getLogger(BrokerSecurity.class);

    private final Path dir;

    private BrokerSecurity(Path dir) {
        this.dir = dir;
    }

    /**
     * The security kept in {@code dir}, made there first when any of its files is missing: new passwords, a new
     * key pair and certificate (valid ten years, for {@code localhost} and {@code 127.0.0.1}) and its truststore.
     */
    public static BrokerSecurity prepare(Path dir) {
        BrokerSecurity security = new BrokerSecurity(dir.toAbsolutePath());
        if (!FILES.stream().allMatch(file -> Files.isRegularFile(security.dir.resolve(file)))) {
            security.generate();
        }
        return security;
    }

    public Path dir() {
        return dir;
    }

    /** The truststore (PKCS12) a client needs to trust the broker's certificate. */
    public Path truststore() {
        return dir.resolve(TRUSTSTORE);
    }

    public Path truststorePasswordFile() {
        return dir.resolve(TRUSTSTORE_PASSWORD);
    }

    /** The password of {@value #APP_USER}, alone in its file. */
    public Path appPasswordFile() {
        return dir.resolve(APP_PASSWORD);
    }

    /** {@code sasl.jaas.config} of {@value #APP_USER}, for {@code KAFKA_SASL_JAAS_CONFIG_FILE}. */
    public Path clientJaasFile() {
        return dir.resolve(CLIENT_JAAS);
    }

    /** Every client setting of {@value #APP_USER}, for {@code kafka-topics.sh --command-config} and the like. */
    public Path clientPropertiesFile() {
        return dir.resolve(CLIENT_PROPERTIES);
    }

    /**
     * The environment of an application on this broker, in the convention the apps read ({@code KAFKA_<NAME>},
     * secrets from {@code KAFKA_<NAME>_FILE}): no password in it, only the files that hold them.
     */
    public Map<String, String> appEnvironment() {
        Map<String, String> env = new TreeMap<>();
        env.put("KAFKA_SECURITY_PROTOCOL", PROTOCOL);
        env.put("KAFKA_SASL_MECHANISM", MECHANISM);
        env.put("KAFKA_SASL_JAAS_CONFIG_FILE", clientJaasFile().toString());
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", truststore().toString());
        env.put("KAFKA_SSL_TRUSTSTORE_TYPE", STORE_TYPE);
        env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE", truststorePasswordFile().toString());
        return env;
    }

    /** The client settings of {@value #APP_USER} (passwords included), for this JVM's own admin clients. */
    public Map<String, Object> clientProperties() {
        return clientSettingsWithTrust(APP_USER, read(APP_PASSWORD));
    }

    /**
     * The broker settings of a listener named {@code listener} that speaks SASL_SSL with SCRAM-SHA-512 and is also
     * the inter-broker listener: the keystore it serves, and the truststore and credentials of the broker's own
     * connections to it.
     */
    Map<String, String> brokerSettings(String listener) {
        String prefix = "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sasl.enabled.mechanisms", MECHANISM);
        settings.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        settings.put(prefix + MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                jaas(BROKER_USER, read(BROKER_PASSWORD)));
        settings.put("ssl.keystore.type", STORE_TYPE);
        settings.put("ssl.keystore.location", dir.resolve(KEYSTORE).toString());
        settings.put("ssl.keystore.password", read(KEYSTORE_PASSWORD));
        settings.put("ssl.key.password", read(KEYSTORE_PASSWORD));
        settings.put("ssl.truststore.type", STORE_TYPE);
        settings.put("ssl.truststore.location", truststore().toString());
        settings.put("ssl.truststore.password", read(TRUSTSTORE_PASSWORD));
        settings.put("ssl.client.auth", "none");
        return settings;
    }

    /** The file in a Kafka data directory that says whose SCRAM users it holds: a hash of the users and passwords. */
    private static final String STORED_MARKER = "orderflow-scram-users.sha256";

    /** Whether the SCRAM users of these passwords were stored in the cluster of {@code kafkaDataDir}. */
    boolean isStoredIn(Path kafkaDataDir) {
        try {
            Path marker = kafkaDataDir.resolve(STORED_MARKER);
            return Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(fingerprint());
        } catch (IOException e) {
            return false;
        }
    }

    /** Notes in {@code kafkaDataDir} that its cluster holds the SCRAM users of these passwords. */
    void markStoredIn(Path kafkaDataDir) {
        try {
            Files.writeString(kafkaDataDir.resolve(STORED_MARKER), fingerprint(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + kafkaDataDir.resolve(STORED_MARKER), e);
        }
    }

    private String fingerprint() {
        return io.orderflow.api.Sha256.hex(BROKER_USER + ":" + read(BROKER_PASSWORD) + "\n" + APP_USER + ":" + read(APP_PASSWORD));
    }

    /**
     * Creates (or sets again) the SCRAM credentials of both users through {@code admin}, a client of a listener
     * that needs none: the broker's SASL listener accepts nobody before they exist. Kafka stores the passwords
     * salted and hashed, in the cluster metadata.
     */
    void createCredentials(Admin admin) {
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS);
        try {
            admin.alterUserScramCredentials(List.of(
                    new UserScramCredentialUpsertion(BROKER_USER, info, read(BROKER_PASSWORD)),
                    new UserScramCredentialUpsertion(APP_USER, info, read(APP_PASSWORD)))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the SCRAM users", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the SCRAM users " + BROKER_USER + " and " + APP_USER, e);
        }
    }

    private static Map<String, Object> clientSettings(String user, String password) {
        return Map.of("security.protocol", PROTOCOL, "sasl.mechanism", MECHANISM, "sasl.jaas.config", jaas(user, password));
    }

    private Map<String, Object> clientSettingsWithTrust(String user, String password) {
        Map<String, Object> settings = new TreeMap<>(clientSettings(user, password));
        settings.put("ssl.truststore.location", truststore().toString());
        settings.put("ssl.truststore.type", STORE_TYPE);
        settings.put("ssl.truststore.password", read(TRUSTSTORE_PASSWORD));
        return settings;
    }

    private static String jaas(String user, String password) {
        // Passwords are hex, users plain words: nothing to escape in the JAAS line.
        return LOGIN_MODULE + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private void generate() {
        log.info("Making the local broker's TLS key pair and SCRAM credentials in {}", dir);
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            for (String file : FILES) {
                Files.deleteIfExists(dir.resolve(file));
            }
            Files.deleteIfExists(dir.resolve("broker.crt"));
            for (String password : List.of(KEYSTORE_PASSWORD, TRUSTSTORE_PASSWORD, BROKER_PASSWORD, APP_PASSWORD)) {
                writeSecret(password, newPassword());
            }
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=localhost, OU=orderflow local mode", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", STORE_TYPE, "-keystore", dir.resolve(KEYSTORE).toString(),
                    "-storepass:file", dir.resolve(KEYSTORE_PASSWORD).toString());
            keytool("-exportcert", "-rfc", "-alias", "broker", "-storetype", STORE_TYPE,
                    "-keystore", dir.resolve(KEYSTORE).toString(),
                    "-storepass:file", dir.resolve(KEYSTORE_PASSWORD).toString(),
                    "-file", dir.resolve("broker.crt").toString());
            keytool("-importcert", "-noprompt", "-alias", "orderflow-local-broker", "-file", dir.resolve("broker.crt").toString(),
                    "-storetype", STORE_TYPE, "-keystore", truststore().toString(),
                    "-storepass:file", truststorePasswordFile().toString());
            writeSecret(CLIENT_JAAS, jaas(APP_USER, read(APP_PASSWORD)));
            StringBuilder properties = new StringBuilder("# Kafka client settings of the local broker's user " + APP_USER
                    + " (./orderflow up --secure)\n");
            clientSettingsWithTrust(APP_USER, read(APP_PASSWORD))
                    .forEach((name, value) -> properties.append(name).append('=').append(value).append('\n'));
            writeSecret(CLIENT_PROPERTIES, properties.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the local broker's credentials in " + dir, e);
        }
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // Passwords go by file (-storepass:file), so the output never holds one.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed (exit " + process.exitValue() + "): "
                        + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }

    private void writeSecret(String file, String content) throws IOException {
        Path path = dir.resolve(file);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        ownerOnly(path, "rw-------");
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions: the directory's own protection applies.
        }
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir.resolve(file), e);
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "BrokerSecurity[" + PROTOCOL + " " + MECHANISM + ", " + dir + "]";
    }
}
