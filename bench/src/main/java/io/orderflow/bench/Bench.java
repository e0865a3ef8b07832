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
 * ./bench.sh throughput [--orders 60000]          figure 1
 * ./bench.sh gateway [--seconds 20] [--connections 32]   figure 3 (needs wrk)
 * ./bench.sh punctuation [--open 1000000]         figure 7
 * ./bench.sh latency [--latency-seconds 30]        figure 2
 * ./bench.sh reads [--read-orders 20000] [--pin-instances yes]   figure 4 (needs wrk)
 * ./bench.sh memory restore [--state-orders 1000000] [--state-orders-large 5000000]   figures 5 and 6
 * ./bench.sh scale [--scale-orders 30000]          figure 8
 * ./bench.sh import [--import-rows 100000]        figure 9
 * ./bench.sh all                                   all of the above (or several names: throughput gateway)
 * </pre>
 */
public final class Bench {

    private static final List<String> ALL = List.of("throughput", "gateway", "punctuation", "latency", "reads",
            "memory", "restore", "scale", "import", "archive");

    private Bench() {
    }

    /**
     * Points logback at the bench's configuration (warnings only, to stderr) unless told otherwise; before anything
     * logs. Without it logback logs everything at DEBUG: Jetty alone then costs milliseconds per request.
     */
    static void quietLogs() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "orderflow-bench-logback.xml");
        }
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
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
        List<String> figures = names.contains("all") ? ALL : names;
        for (String figure : figures) {
            if (!ALL.contains(figure)) {
                System.err.println("Unknown benchmark: " + figure + "\n" + usage());
                System.exit(2);
            }
        }
        if (figures.contains("throughput") || figures.contains("gateway")) {
            try (Stack stack = Stack.start()) {
                if (figures.contains("throughput")) {
                    ThroughputBench.run(stack, integer(options, "orders", 60_000),
                            Optional.ofNullable(options.get("commit-interval-ms")).map(Integer::parseInt), report);
                }
                if (figures.contains("gateway")) {
                    GatewayBench.run(stack, integer(options, "seconds", 20), integer(options, "connections", 32), report);
                }
            }
        }
        // each on a stack of its own: their apps would otherwise also process the other figures' topics
        if (figures.contains("latency")) {
            guarded(report, "2. latency", () -> {
                try (Stack stack = Stack.start()) {
                    LatencyBench.run(stack, integer(options, "latency-seconds", 30), integer(options, "probe-rate", 600),
                            integer(options, "probe-seconds", 15), report);
                }
            });
        }
        if (figures.contains("reads")) {
            guarded(report, "4. reads", () -> {
                try (Stack stack = Stack.start()) {
                    ReadBench.run(stack, integer(options, "read-orders", 20_000), integer(options, "seconds", 20),
                            integer(options, "connections", 32),
                            yes(options, "pin-instances"), report);
                }
            });
        }
        if (figures.contains("memory") || figures.contains("restore")) {
            guarded(report, "5/6. memory, restore", () -> {
                try (Stack stack = Stack.start()) {
                    StateBench.run(stack, figures.contains("memory"), figures.contains("restore"),
                            integer(options, "state-orders", 1_000_000),
                            integer(options, "state-orders-large", 5_000_000), report);
                }
            });
        }
        if (figures.contains("scale")) {
            guarded(report, "8. scale-out", () -> {
                try (Stack stack = Stack.start()) {
                    ScaleBench.run(stack, integer(options, "scale-orders", 30_000), report);
                }
            });
        }
        if (figures.contains("import")) {
            guarded(report, "9. ledger import", () -> {
                try (Stack stack = Stack.start()) {
                    ImportBench.run(stack, integer(options, "import-rows", 100_000), report);
                }
            });
        }
        // last: it needs no broker, and its million-order load is the longest part
        if (figures.contains("archive")) {
            guarded(report, "10. archive", () -> ArchiveBench.run(integer(options, "live-orders", 10_000),
                    integer(options, "archived-orders", 50_000), report));
        }
        if (figures.contains("punctuation")) {
            PunctuationBench.run(integer(options, "open", 1_000_000), report);
        }
        System.out.println();
        System.out.println(report.markdown());
        System.exit(0);
    }

    /** A figure that fails is reported as such, and the others still run. */
    private static void guarded(Report report, String figure, Measurement measurement) {
        try {
            measurement.run();
        } catch (Exception e) {
            // Looked up here, not in a static field: logback must not start before main has pointed it at the
            // bench's configuration (warnings only, on stderr), or it logs every DEBUG line of the in-process
            // broker and pipeline to stdout, which costs the pipeline's CPU in figure 1.
            org.slf4j.LoggerFactory.getLogger(Bench.class).error("figure {} could not be measured", figure, e);
            report.add(new Row(figure, "not measured: " + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), "—", Optional.empty(), "—",
                    Optional.of(false)));
        }
    }

    private interface Measurement {
        void run() throws Exception;
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

    private static boolean yes(Map<String, String> options, String name) {
        String value = options.getOrDefault(name, "no");
        if (!value.equals("yes") && !value.equals("no")) {
            throw new IllegalArgumentException("--" + name + " is yes or no, not " + value);
        }
        return value.equals("yes");
    }

    private static int integer(Map<String, String> options, String name, int defaultValue) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(defaultValue)).replace("_", ""));
    }

    private static String usage() {
        return """
                Usage: ./bench.sh <benchmark>... [options]
                  throughput [--orders 60000] [--commit-interval-ms N]
                                                              figure 1: pipeline vs a bare re-key/repartition/count app
                                                              (N for both apps; default the streams-app's own, 30)
                  gateway [--seconds 20] [--connections 32]   figure 3: POST /v1/orders vs GET /health/live (wrk),
                                                              and the same on a bare Javalin server (the floor)
                  punctuation [--open 1000000]                figure 7: alert punctuation, N open orders vs 1000
                  latency [--latency-seconds 30] [--probe-rate 600] [--probe-seconds 15]
                                                              figure 2: POST -> order on /v1/stream at 50 % and 80 % of
                                                              the sustained rate (probed first) vs the broker alone
                  reads [--read-orders 20000] [--seconds 20] [--connections 32] [--pin-instances no|yes]
                                                              figure 4: GET /v1/orders/{id} local and routed (two
                                                              instances, with yes each on a core of its own, as on
                                                              two machines) vs GET /health/live (wrk), and the
                                                              same on bare Javalin servers (the floors)
                  memory [--state-orders 1000000] [--state-orders-large 5000000]
                                                              figure 5: streams-app RSS with N orders in state
                  restore [--state-orders 1000000]            figure 6: JVM start -> RUNNING on a fresh state directory
                  scale [--scale-orders 30000]                figure 8: the same backlog drained by 1, 2 and 4 instances
                                                              on 12 partitions: CPU per command, hottest task, serial share
                  import [--import-rows 100000]               figure 9: a ledger of N delivered orders with Chinese
                                                              headers imported by an admin: time, gateway RSS
                  archive [--live-orders 10000] [--archived-orders 50000]
                                                              figure 10: a list's read of the live orders with N
                                                              finished orders archived vs none (in-process pipeline)
                  all                                          every benchmark above, one table""";
    }
}
