package io.orderflow.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.orderflow.api.CommonPool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The floor under figures 3 and 4: what Jetty and Javalin alone charge for the benchmarked routes on this machine,
 * with none of our code in the request. Run in its own JVM from the bench's jar ({@code -Xmx512m}, as the apps),
 * beside the apps of the same run:
 * <ul>
 * <li>{@code GET /health/live}: the apps' own health route ({@code ctx.json} of {@code {"status":"UP"}});</li>
 * <li>{@code GET /v1/orders/{id}} (when {@code BARE_ORDER_BODY} names a file): the bytes of a real order answer,
 *     read once from a streams-app instance, written as they are (no API key, no owner, no store, no Avro, no
 *     JSON); or, when {@code BARE_PEER} names another bare server, that server's answer to the same path, asked
 *     with the JDK's HTTP client as the streams-app asks the owner of a key, and relayed as it is (the floor of a
 *     routed GET);</li>
 * <li>{@code POST /v1/orders} (when {@code BARE_ACCEPTED_BODY} names a file and {@code KAFKA_BOOTSTRAP_SERVERS} is
 *     set): the request's bytes sent as they are to {@value #TOPIC} with the gateway's producer settings, and the
 *     bytes of a real 202 answer once Kafka has acknowledged them (acks=all): the least any gateway that
 *     acknowledges nothing before Kafka has it must do, with no API key, no validation, no Avro and no registry.</li>
 * </ul>
 * So the floor route's rate over the health route's is the most that figure 3's or figure 4's ratio can reach with
 * this framework here, whatever our code does.
 */
public final class BareServer {

    static final String TOPIC = "bench-bare-orders";

    private BareServer() {
    }

    public static void main(String[] args) throws IOException {
        Bench.quietLogs();
        CommonPool.atLeastTwo(); // as both apps do first thing, or the JDK's HTTP client starts a thread per answer
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.get("BARE_PORT"));
        byte[] order = body(env.get("BARE_ORDER_BODY"));
        byte[] accepted = body(env.get("BARE_ACCEPTED_BODY"));
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        KafkaProducer<String, byte[]> producer = accepted == null || bootstrap == null ? null
                : new KafkaProducer<>(ProduceProbe.gatewaySettings(bootstrap), new StringSerializer(),
                        new ByteArraySerializer());
        // completions off the producer's I/O thread, as the gateway's (KafkaEventLog), sized alike
        ExecutorService completions = Executors.newFixedThreadPool(
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        AtomicLong keys = new AtomicLong();
        String peer = env.get("BARE_PEER");
        // as the streams-app's HttpPeers asks its peers
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(JsonMapper.builder().build(), false));
            config.startup.showJavalinBanner = false;
            config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
            config.routes.get("/health/ready", ctx -> ctx.json(Map.of("status", "UP")));
            if (peer != null) {
                config.routes.get("/v1/orders/{id}", ctx -> {
                    ctx.pathParam("id"); // read, as the real route reads it
                    ctx.future(() -> client.sendAsync(HttpRequest.newBuilder(URI.create(peer + ctx.path())).build(),
                                    HttpResponse.BodyHandlers.ofByteArray())
                            .thenAccept(answer -> ctx.status(answer.statusCode()).contentType("application/json")
                                    .result(answer.body())));
                });
            } else if (order != null) {
                config.routes.get("/v1/orders/{id}", ctx -> {
                    ctx.pathParam("id"); // read, as the real route reads it
                    ctx.contentType("application/json").result(order);
                });
            }
            if (producer != null) {
                config.routes.post("/v1/orders", ctx -> {
                    CompletableFuture<Void> acked = new CompletableFuture<>();
                    producer.send(new ProducerRecord<>(TOPIC, "bare-" + keys.incrementAndGet(), ctx.bodyAsBytes()),
                            (metadata, failure) -> {
                                if (failure == null) {
                                    acked.complete(null);
                                } else {
                                    acked.completeExceptionally(failure);
                                }
                            });
                    ctx.future(() -> acked.thenAcceptAsync(
                            done -> ctx.status(202).contentType("application/json").result(accepted), completions));
                });
            }
        }).start(port);
    }

    private static byte[] body(String file) throws IOException {
        return file == null ? null : Files.readAllBytes(Path.of(file));
    }
}
