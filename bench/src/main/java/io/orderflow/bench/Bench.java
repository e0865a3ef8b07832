package io.orderflow.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmarks of BENCHMARKS.md, run on a fresh local stack (in-process KRaft broker, Apicurio registry
 * child JVM) and printed as a markdown table, every figure next to a baseline measured in the same run.
 *
 * <pre>
 * ./bench.sh throughput [--orders 20000]          figure 1
 * ./bench.sh gateway [--seconds 20] [--connections 32]   figure 3 (needs wrk)
 * ./bench.sh punctuation [--open 1000000]         figure 7
 * ./bench.sh all                                   all of the above (or several names: throughput gateway)
 * </pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "orderflow-bench-logback.xml");
        }
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.println(usage());
            return;
        }
        List<String> names = new ArrayList<>();
        int first = 0;
        while (first < args.length && !args[first].startsWith("--")) {
            names.add(args[first++]);
        }
        Map<String, String> options = options(List.of(args).subList(first, args.length));
        String command = System.getProperty("orderflow.bench.command", "java -jar orderflow-bench.jar " + String.join(" ", args));
        Report report = new Report(command);
        List<String> figures = names.contains("all") ? List.of("throughput", "gateway", "punctuation") : names;
        for (String figure : figures) {
            if (!List.of("throughput", "gateway", "punctuation").contains(figure)) {
                System.err.println("Unknown benchmark: " + figure + "\n" + usage());
                System.exit(2);
            }
        }
        if (figures.contains("throughput") || figures.contains("gateway")) {
            try (Stack stack = Stack.start()) {
                if (figures.contains("throughput")) {
                    ThroughputBench.run(stack, integer(options, "orders", 20_000),
                            Optional.ofNullable(options.get("commit-interval-ms")).map(Integer::parseInt), report);
                }
                if (figures.contains("gateway")) {
                    GatewayBench.run(stack, integer(options, "seconds", 20), integer(options, "connections", 32), report);
                }
            }
        }
        // last: it needs no broker, and its million-order load is the longest part
        if (figures.contains("punctuation")) {
            PunctuationBench.run(integer(options, "open", 1_000_000), report);
        }
        System.out.println();
        System.out.println(report.markdown());
        System.exit(0);
    }

    private static Map<String, String> options(List<String> rest) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            if (!rest.get(i).startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + rest.get(i));
            }
            options.put(rest.get(i).substring(2), rest.get(i + 1));
        }
        return options;
    }

    private static int integer(Map<String, String> options, String name, int defaultValue) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(defaultValue)).replace("_", ""));
    }

    private static String usage() {
        return """
                Usage: ./bench.sh <benchmark>... [options]
                  throughput [--orders 20000] [--commit-interval-ms N]
                                                              figure 1: pipeline vs a bare re-key/repartition/count app
                                                              (N for both apps; default the streams-app's 100)
                  gateway [--seconds 20] [--connections 32]   figure 3: POST /v1/orders vs GET /health/live (wrk)
                  punctuation [--open 1000000]                figure 7: alert punctuation, N open orders vs 1000
                  all                                          every benchmark above, one table""";
    }
}
