package io.inkstream.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Entry point. {@code java -jar inkstream-bench.jar [--quick]} runs the whole suite (what
 * {@code deploy/bench/run.sh} does); {@code event-store [--quick]} compares the two event store
 * engines alone. {@code worker}, {@code baseline-server} and {@code axon-jdbc-server} are roles the suite starts this jar
 * in, as separate processes.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        String what = args.length > 0 && !args[0].startsWith("--") ? args[0] : "suite";
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        switch (what) {
            case "suite" -> new Suite(quick, options.containsKey("only")
                    ? Set.of(options.get("only").split(",")) : Set.of(), options.get("jfr")).run();
            case "event-store" -> new EventStoreBench(quick).run();
            case "worker" -> AppendWorker.main(options);
            case "baseline-server" -> BaselineServer.main(options);
            case "axon-jdbc-server" -> AxonJdbcServer.main(options);
            default -> throw new IllegalArgumentException("unknown benchmark " + what);
        }
        if (!what.endsWith("-server")) {
            System.exit(0);
        }
    }
}
