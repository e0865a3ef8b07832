package io.orderflow.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (also spoken by Apicurio's
 * {@code /apis/ccompat/v7}): register, look up and get by id, with caching so that a
 * running producer or consumer asks the registry once per schema.
 *
 * <p>Several base URLs may be given; each request tries them in order until one answers.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> baseUrls;
    private final Duration timeout;
    private final HttpClient http;
    private final RegistryAccess access;
    private final Map<SubjectSchema, Integer> registered = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> lookedUp = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(List<String> baseUrls, Duration timeout) {
        this(baseUrls, timeout, RegistryAccess.NONE);
    }

    public HttpSchemaRegistryClient(List<String> baseUrls, Duration timeout, RegistryAccess access) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is needed");
        }
        this.baseUrls = baseUrls.stream().map(HttpSchemaRegistryClient::withoutTrailingSlash).toList();
        this.timeout = timeout;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
        access.ssl().ifPresent(http::sslContext);
        this.http = http.build();
        this.access = access;
    }

    /** A client for a comma-separated list of base URLs, as in Confluent's {@code schema.registry.url}. */
    public static HttpSchemaRegistryClient forUrls(String commaSeparatedUrls) {
        return forUrls(commaSeparatedUrls, Map.of());
    }

    /** As {@link #forUrls(String)}, with credentials and a truststore under Confluent's names ({@link RegistryAccess}). */
    public static HttpSchemaRegistryClient forUrls(String commaSeparatedUrls, Map<String, ?> accessConfigs) {
        List<String> urls = List.of(commaSeparatedUrls.split(",")).stream()
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .toList();
        return new HttpSchemaRegistryClient(urls, Duration.ofSeconds(10), RegistryAccess.from(accessConfigs));
    }

    @Override
    public int register(String subject, Schema schema) {
        return registered.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            String path = "/subjects/" + encode(subject) + "/versions";
            JsonNode answer;
            try {
                answer = post(path, schemaBody(schema));
            } catch (SchemaRegistryException e) {
                if (e.httpStatus() != 409) {
                    throw e;
                }
                // Apicurio answers 409 ("artifact already exists") to the loser of two first registrations of a
                // subject racing (two instances starting together); the artifact exists now, so asking again
                // gives its id. An incompatible schema is a 409 again, and that one is thrown.
                answer = post(path, schemaBody(schema));
            }
            int id = answer.path("id").asInt(-1);
            if (id < 0) {
                throw new SchemaRegistryException("registry answered without an id for subject " + subject, 200, -1);
            }
            byId.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public int idOf(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer known = registered.get(key);
        if (known != null) {
            return known;
        }
        return lookedUp.computeIfAbsent(key, k -> {
            JsonNode answer = post("/subjects/" + encode(subject), schemaBody(schema));
            int id = answer.path("id").asInt(-1);
            if (id < 0) {
                throw new SchemaRegistryException("registry answered without an id for subject " + subject, 200, -1);
            }
            byId.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return byId.computeIfAbsent(id, key -> {
            JsonNode answer = get("/schemas/ids/" + key);
            String type = answer.path("schemaType").asText("AVRO");
            if (!"AVRO".equals(type)) {
                throw new SchemaRegistryException("schema id " + key + " is a " + type + " schema, not Avro", 200, -1);
            }
            return new Schema.Parser().parse(answer.path("schema").asText());
        });
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private JsonNode get(String path) {
        return send(path, base -> HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode post(String path, String body) {
        return send(path, base -> HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private JsonNode send(String path, java.util.function.Function<String, HttpRequest.Builder> request) {
        IOException lastFailure = null;
        for (String base : baseUrls) {
            HttpResponse<String> response;
            try {
                HttpRequest.Builder builder = request.apply(base).header("Accept", ACCEPT).timeout(timeout);
                access.authorization().ifPresent(value -> builder.header("Authorization", value));
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling the schema registry at " + base + path, e);
            }
            return parse(base + path, response);
        }
        throw new SchemaRegistryException("no schema registry reachable at " + baseUrls + " for " + path, lastFailure);
    }

    private static JsonNode parse(String url, HttpResponse<String> response) {
        JsonNode body;
        try {
            body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    "schema registry at " + url + " answered " + response.statusCode() + " with a body that is not JSON",
                    response.statusCode(), -1);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException(
                    "schema registry at " + url + " answered " + response.statusCode() + ": "
                            + body.path("message").asText(response.body()),
                    response.statusCode(), body.path("error_code").asInt(-1));
        }
        return body;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record SubjectSchema(String subject, Schema schema) {
        SubjectSchema {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
        }
    }
}
