package io.orderflow.api;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the apps' Kafka clients reach the cluster, in the convention of Confluent's and Bitnami's images: every
 * environment variable {@code KAFKA_<NAME>} is the client property {@code <name>}, lower case, {@code _} read as
 * {@code .}, {@code __} as {@code _} and {@code ___} as {@code -}: {@code KAFKA_SECURITY_PROTOCOL} is
 * {@code security.protocol}, {@code KAFKA_SASL_JAAS_CONFIG} {@code sasl.jaas.config},
 * {@code KAFKA_SSL_TRUSTSTORE_LOCATION} {@code ssl.truststore.location}. {@code KAFKA_<NAME>_FILE} reads the value
 * from a file, as Docker and Kubernetes mount secrets ({@link Settings#secret}). Every producer, consumer and
 * admin client of an app, and Kafka Streams (which hands them on to its own clients), starts from these; what
 * the app must hold (acks=all, idempotence, exactly_once_v2) is set on top and cannot be turned off this way.
 *
 * <p>Values are never logged here; Kafka's clients print password-typed settings ({@code sasl.jaas.config},
 * {@code ssl.*.password}) as {@code [hidden]}.
 */
public final class KafkaConnection {

    private static final String PREFIX = "KAFKA_";
    private static final String FILE = "_FILE";
    /** {@code KAFKA_*} variables that are no client setting: the launcher's port, the JVM options of Kafka's scripts. */
    private static final Set<String> NOT_CLIENT_SETTINGS = Set.of("KAFKA_PORT", "KAFKA_HEAP_OPTS", "KAFKA_OPTS",
            "KAFKA_JMX_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_DEBUG", "KAFKA_GC_LOG_OPTS");

    private KafkaConnection() {
    }

    /** The client properties of {@code env}, with {@code bootstrap.servers} {@code defaultBootstrap} when unset. */
    public static Map<String, Object> from(Map<String, String> env, String defaultBootstrap) {
        Map<String, Object> properties = new TreeMap<>();
        properties.put("bootstrap.servers", defaultBootstrap);
        for (String variable : env.keySet()) {
            if (!variable.startsWith(PREFIX) || NOT_CLIENT_SETTINGS.contains(variable)) {
                continue;
            }
            String name = variable.endsWith(FILE) ? variable.substring(0, variable.length() - FILE.length()) : variable;
            if (name.length() <= PREFIX.length()) {
                continue;
            }
            String value = Settings.secret(env, name);
            if (value != null) {
                properties.put(property(name), value);
            }
        }
        return properties;
    }

    /** {@code KAFKA_SASL_JAAS_CONFIG} &rarr; {@code sasl.jaas.config}; {@code __} is {@code _}, {@code ___} is {@code -}. */
    static String property(String variable) {
        return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT)
                .replace("___", "-").replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }
}
