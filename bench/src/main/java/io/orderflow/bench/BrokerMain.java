package io.orderflow.bench;

import io.orderflow.localstack.KafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The bench's broker in a JVM of its own ({@link BrokerProcess}), so that what an app under measurement costs is
 * not mixed with what the broker costs: {@code BrokerMain <data dir> [<property>=<value> ...]}. Prints
 * {@value #READY} and the bootstrap servers once the broker answers, then runs until its standard input closes.
 */
final class BrokerMain {

    static final String READY = "BROKER READY ";

    private BrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        Bench.quietLogs();
        Map<String, String> overrides = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            overrides.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), 0, overrides);
        System.out.println(READY + broker.bootstrapServers());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // the parent holds standard input open for as long as the broker is to run
        }
        broker.close();
        System.exit(0);
    }
}
