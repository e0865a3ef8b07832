package io.orderflow.demo;

import io.orderflow.api.DemoKeys;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo traffic generator of the local mode: {@code java -jar demo/target/orderflow-demo.jar}. Owns the runtime
 * (settings from the environment, see {@link DemoConfig}; HTTP client; scheduler; shutdown hook) around
 * {@link Traffic}, which does the work over the gateway's HTTP API only.
 *
 * <p>Exit status: 0 after DEMO_MAX_ORDERS orders or on SIGTERM/SIGINT, 1 when the gateway never got ready,
 * 2 for invalid settings.
 */
public final class TrafficGenerator {

    private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);

    private TrafficGenerator() {
    }

    public static void main(String[] args) {
        DemoConfig config;
        try {
            config = DemoConfig.from(System.getenv(), System.currentTimeMillis() ^ System.nanoTime());
        } catch (IllegalArgumentException e) {
            System.err.println("orderflow demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.print(Banner.render(config));
        System.out.flush();

        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        GatewayClient gateway = new GatewayClient(http, config.gatewayUrl(), Duration.ofSeconds(20));
        QueryApi query = new QueryApi(http, config.queryApiUrl(), DemoKeys.ADMIN, Duration.ofSeconds(5), clock);
        ExecutorScheduler scheduler = new ExecutorScheduler(4);
        Traffic traffic = new Traffic(config, gateway, query, scheduler, clock);

        Thread hook = new Thread(() -> {
            boolean wasRunning = !traffic.finished().isDone();
            traffic.stop();
            scheduler.close();
            if (wasRunning) {
                log.info("Demo traffic stopped: {}", traffic.tally().summary());
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        traffic.start();
        try {
            Tally tally = traffic.finished().join();
            log.info("Demo traffic done: {}", tally.summary());
            System.exit(0);
        } catch (CompletionException e) {
            log.error("{}", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            System.exit(1);
        }
    }
}
