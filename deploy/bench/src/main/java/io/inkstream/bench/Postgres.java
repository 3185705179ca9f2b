package io.inkstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the machine's own (Debian's package, installed here if missing and
 * this process may), in a fresh data directory, for the Axon-on-JDBC baseline. Durable as
 * PostgreSQL is by default: {@code fsync} and {@code synchronous_commit} on.
 */
final class Postgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    final int port;

    private Postgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** A started server, or empty with the reason printed, where none can be had. */
    static Optional<Postgres> start() throws IOException, InterruptedException {
        Optional<Path> bin = installed();
        if (bin.isEmpty() && root() && Files.exists(Path.of("/usr/bin/apt-get"))) {
            System.out.println("  installing Debian's postgresql for the Axon-on-JDBC baseline");
            try {
                run(List.of("apt-get", "install", "-y", "-q", "postgresql"), 600);
            } catch (IOException e) {
                // No package source reachable, say: the part is skipped below, the suite goes on.
            }
            bin = installed();
        }
        if (bin.isEmpty()) {
            System.out.println("  SKIP write_vs_axon_jdbc: no PostgreSQL server here (/usr/lib/postgresql/*/bin),"
                    + " and Debian's postgresql package could not be installed by this user");
            return Optional.empty();
        }
        Path data = Files.createTempDirectory("inkstream-pg-");
        if (root()) {
            // PostgreSQL refuses to run as root: its own user owns the directory and runs it.
            run(List.of("chown", "postgres", data.toString()), 30);
        }
        int port = Proc.freePort();
        Postgres server = new Postgres(bin.get(), data, port);
        server.as("initdb", "-D", data.toString(), "-U", "bench", "-A", "trust", "-E", "UTF8", "--no-locale");
        server.as("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on"
                        + " -c shared_buffers=256MB -c max_connections=100", "start");
        return Optional.of(server);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=bench";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        as("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void as(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command, 120);
    }

    private static Optional<Path> installed() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
