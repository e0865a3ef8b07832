package io.orderflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard shipped in {@code monitoring/grafana/dashboards/orderflow.json}: its PromQL queries, the
 * application each one reads ({@code application="..."}) and the metric names each one names, for the apps' tests to
 * compare with what their {@code /metrics} really exposes.
 */
public final class Dashboard {

    public static final Path SHIPPED = Path.of("monitoring", "grafana", "dashboards", "orderflow.json");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern SELECTOR = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![0-9A-Za-z_:$.])([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Pattern APPLICATION = Pattern.compile("application\\s*=\\s*\"([^\"]*)\"");

    /** One query of a panel. */
    public record Query(String panel, String expr) {

        /** The application the query selects, or null when it selects none or several. */
        public String application() {
            Set<String> named = new TreeSet<>();
            Matcher matcher = APPLICATION.matcher(expr);
            while (matcher.find()) {
                named.add(matcher.group(1));
            }
            return named.size() == 1 ? named.iterator().next() : null;
        }

        public Set<String> metricNames() {
            return namesIn(expr);
        }
    }

    private final List<Query> queries;

    private Dashboard(List<Query> queries) {
        this.queries = List.copyOf(queries);
    }

    /** The dashboard in the repository, found from the module the tests run in. */
    public static Dashboard shipped() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(SHIPPED);
            if (Files.isRegularFile(file)) {
                try {
                    return parse(Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException(SHIPPED + " is in no directory above " + Path.of("").toAbsolutePath());
    }

    public static Dashboard parse(String json) {
        try {
            List<Query> queries = new ArrayList<>();
            collect(new ObjectMapper().readTree(json).path("panels"), queries);
            return new Dashboard(queries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Panels, and the panels of collapsed rows. */
    private static void collect(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new Query(panel.path("title").asText(), target.get("expr").asText()));
                }
            }
            collect(panel.path("panels"), queries);
        }
    }

    public List<Query> queries() {
        return queries;
    }

    /** Every metric name the queries of {@code application} name. */
    public Set<String> metricNames(String application) {
        Set<String> names = new TreeSet<>();
        queries.stream().filter(q -> application.equals(q.application())).forEach(q -> names.addAll(q.metricNames()));
        return names;
    }

    /** What the queries of {@code application} name and {@code scrape} (Prometheus text) does not expose. */
    public Set<String> missing(String application, String scrape) {
        Set<String> missing = new TreeSet<>(metricNames(application));
        missing.removeAll(exposedNames(scrape));
        return missing;
    }

    /** The metric names in a Prometheus text exposition. */
    public static Set<String> exposedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /**
     * The metric names of a PromQL expression: identifiers left once strings, label matchers, ranges and grouping
     * clauses are out, that are neither a function or aggregation (followed by a parenthesis) nor a keyword.
     */
    static Set<String> namesIn(String expr) {
        String bare = STRING.matcher(expr).replaceAll("\"\"");
        bare = SELECTOR.matcher(bare).replaceAll(" ");
        bare = RANGE.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (matcher.group(2) == null && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }
}
