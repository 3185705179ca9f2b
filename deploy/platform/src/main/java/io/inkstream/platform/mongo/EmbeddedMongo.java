package io.inkstream.platform.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server in this JVM (mongo-java-server). It must listen before the
 * Spring context starts, because the event store connects while its beans are built.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MongoServer server;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMongo(MongoBackend backend, String host, int port) {
        // No oplog: nothing here reads change streams, and it kept a copy of every write for
        // ever (in the file, for the standalone), a quarter of the embedded server's work.
        this.server = new MongoServer(backend);
        server.bind(host, port);
        this.address = server.getLocalAddress();
    }

    /**
     * Persists under {@code dir}; see {@link EmbeddedBackend} for what it adds to the server.
     *
     * @param rebuildable collections rebuilt from the events after a crash (read models, tokens):
     *     their writes are committed within a second rather than before they are answered
     */
    public static EmbeddedMongo onDisk(Path dir, String host, int port, Predicate<String> rebuildable) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
        Path file = dir.resolve("inkstream.mv");
        MVStore store = SnapshotFileStore.open(file);
        EmbeddedMongo mongo = new EmbeddedMongo(EmbeddedBackend.durable(new StableH2Backend(store), rebuildable), host, port);
        log.info("Embedded MongoDB listening on {} with data in {}", mongo.address, file.toAbsolutePath());
        return mongo;
    }

    /** Keeps everything in memory, on a free loopback port: for tests. */
    public static EmbeddedMongo inMemory() {
        return inMemory("127.0.0.1", 0);
    }

    /** Keeps everything in memory: nothing survives a stop. For tests and benchmarks. */
    public static EmbeddedMongo inMemory(String host, int port) {
        EmbeddedMongo mongo = new EmbeddedMongo(EmbeddedBackend.volatileIn(new MemoryBackend()), host, port);
        log.warn("Embedded MongoDB listening on {}, in memory only: nothing survives a stop", mongo.address);
        return mongo;
    }

    public String uri(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdownNow();
        }
    }
}
