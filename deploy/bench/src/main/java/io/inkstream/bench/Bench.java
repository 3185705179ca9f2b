package io.inkstream.bench;

import java.util.Arrays;

/** Entry point: {@code java -jar inkstream-bench.jar event-store [--quick]}. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        String what = args.length > 0 && !args[0].startsWith("--") ? args[0] : "event-store";
        switch (what) {
            case "event-store" -> new EventStoreBench(quick).run();
            default -> throw new IllegalArgumentException("unknown benchmark " + what);
        }
    }
}
