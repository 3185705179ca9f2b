package io.inkstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A measured process: one of the built jars (or this one in another role) in its own JVM,
 * with its output in a log file, so no figure is taken inside the process that generates load.
 */
final class Proc implements AutoCloseable {

    static final Path STANDALONE = Path.of("deploy", "standalone", "target", "inkstream.jar");
    static final Path COMMAND_SIDE = Path.of("command-side", "target", "inkstream-command-side.jar");
    static final Path QUERY_SIDE = Path.of("query-side", "target", "inkstream-query-side.jar");
    static final Path BENCH = Path.of("deploy", "bench", "target", "inkstream-bench.jar");
    /** Every measured JVM gets the same heap, so processes of one kind compare fairly. */
    static final String HEAP = "-Xmx1g";
    /** Options every JVM started here gets: the same for both sides of every ratio. */
    static volatile List<String> jvmOptions = List.of();
    private static final java.util.concurrent.atomic.AtomicInteger STARTS = new java.util.concurrent.atomic.AtomicInteger();

    /** Every process started and not yet stopped: stopped too if this harness is stopped. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "bench-stop"));
    }

    final Process process;
    final int port;
    final Path log;

    private Proc(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code jar} with only the given environment of ours (none of this machine's settings). */
    static Proc start(Path jar, int port, Map<String, String> env, Path log, String... args) throws IOException {
        return start(HEAP, jar, port, env, log, args);
    }

    static Proc start(String heap, Path jar, int port, Map<String, String> env, Path log, String... args)
            throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is not built: run deploy/bench/run.sh from the repository");
        }
        List<String> command = new ArrayList<>(List.of(java(), heap, "-Daxoniq.update-checker.disabled=true"));
        // Java 17 does not expand %p in a JFR file name: each process gets its start's number.
        int started = STARTS.incrementAndGet();
        jvmOptions.forEach(option -> command.add(option.replace("%p", started + "-" + jar.getFileName())));
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        builder.environment().keySet().removeIf(k -> k.startsWith("INKSTREAM_") || k.startsWith("MONGODB_"));
        Map<String, String> all = new HashMap<>(env);
        if (port > 0) {
            all.put("PORT", String.valueOf(port));
        }
        all.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.environment().putAll(all);
        Process process = builder.start();
        RUNNING.add(process);
        return new Proc(process, port, log);
    }

    /** Starts an HTTP process and waits until its health is UP. */
    static Proc serving(Path jar, Map<String, String> env, Path log, String... args) throws IOException {
        Proc proc = start(jar, freePort(), env, log, args);
        proc.awaitHealthy();
        return proc;
    }

    void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process died at startup; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(300);
        }
        throw new IllegalStateException("not healthy within 180 s; see " + log);
    }

    /** Waits until something listens on {@code port} (the embedded MongoDB process). */
    void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process died at startup; see " + log);
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                pause(200);
            }
        }
        throw new IllegalStateException("not listening within 120 s; see " + log);
    }

    /** Runs to the end, handing every line it prints to {@code lines}; fails if it fails. */
    void collect(Consumer<String> lines) throws IOException, InterruptedException {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.accept(line);
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("worker failed with exit code " + process.exitValue());
        }
    }

    long pid() {
        return process.pid();
    }

    /** Heap in use after a full collection, in bytes, read with the JDK's jcmd. */
    long heapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("cannot read the heap from jcmd: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** Seconds a JVM's JIT compilers have spent compiling so far. */
    interface Compiled {
        double seconds() throws Exception;
    }

    /** A stretch of load. */
    interface Load {
        void run() throws Exception;
    }

    /** {@link #untilSettled} for this process, its compile time read with jcmd. */
    long warmUp(Duration min, Duration max, Runnable window) throws Exception {
        return untilSettled(min, max, this::compileSeconds, window::run);
    }

    /**
     * Runs {@code window} again and again until the JIT compilers of the JVM it loads spent
     * under a tenth of the last one compiling, for at least {@code min} and at most {@code max};
     * answers the seconds it took. A fresh JVM on 2 cores compiles for minutes under load, and a
     * figure taken meanwhile measures the compiler more than the code.
     */
    static long untilSettled(Duration min, Duration max, Compiled compiled, Load window) throws Exception {
        long start = System.nanoTime();
        while (true) {
            double compiledBefore = compiled.seconds();
            long windowStart = System.nanoTime();
            window.run();
            long now = System.nanoTime();
            double share = (compiled.seconds() - compiledBefore) / ((now - windowStart) / 1e9);
            if (now - start >= max.toNanos() || now - start >= min.toNanos() && share < 0.1) {
                long seconds = Math.round((now - start) / 1e9);
                System.out.printf("  warmed up in %d s (compiling %.0f%% of the last %.0f s)%n", seconds, share * 100,
                        (now - windowStart) / 1e9);
                return seconds;
            }
        }
    }

    /** Seconds this JVM's JIT compilers have spent compiling, from its performance counters. */
    private double compileSeconds() throws IOException, InterruptedException {
        String counters = jcmd("PerfCounter.print");
        java.util.regex.Matcher time = java.util.regex.Pattern.compile("java\\.ci\\.totalTime=(\\d+)").matcher(counters);
        java.util.regex.Matcher frequency = java.util.regex.Pattern.compile("sun\\.os\\.hrt\\.frequency=(\\d+)")
                .matcher(counters);
        if (!time.find() || !frequency.find()) {
            throw new IllegalStateException("cannot read the JIT's counters from jcmd: " + counters);
        }
        return Double.parseDouble(time.group(1)) / Double.parseDouble(frequency.group(1));
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Set while profiling: a JVM writes its JFR recording only when it exits of itself. */
    static volatile boolean profiling;

    /** SIGKILL, and waits until the process is gone; SIGTERM first while profiling. */
    @Override
    public void close() {
        // Not SIGTERM: its figures are taken, and a graceful stop only adds time (10 s for the
        // query side right after its replay). A recording is dumped at exit, which SIGKILL skips.
        try {
            if (profiling) {
                process.destroy();
                process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }
}
