package io.inkstream.embedded;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    private EmbeddedMongo(EmbeddedBackend backend, String host, int port, boolean ownProcessOnly) {
        if (ownProcessOnly) {
            if (LocalPeers.supported()) {
                // The connection's own local address is the port this server listens on.
                backend.admitOnly(channel -> channel.remoteAddress() instanceof InetSocketAddress peer
                        && channel.localAddress() instanceof InetSocketAddress served
                        && LocalPeers.ownProcess(peer, served.getPort()));
            } else {
                log.warn("Cannot tell here which process a connection comes from: the embedded MongoDB "
                        + "serves any local process");
            }
        }
        // No oplog: nothing here reads change streams, and it kept a copy of every write for
        // ever (in the file, for the standalone), a quarter of the embedded server's work.
        this.server = new MongoServer(backend);
        server.bind(host, port);
        this.address = server.getLocalAddress();
    }

    /**
     * Persists under {@code dir}; see {@link EmbeddedBackend} for what it adds to the server.
     *
     * @param rebuildable collections whose latest writes a crash may lose, as what they hold is
     *     redone after it (read models and tokens, from the events; the event counter, committed
     *     with the events it numbers): their writes are committed within a second rather than
     *     before they are answered
     */
    public static EmbeddedMongo onDisk(Path dir, String host, int port, Predicate<String> rebuildable) {
        return onDisk(dir, host, port, rebuildable, false);
    }

    /**
     * The same; with {@code ownProcessOnly}, it serves connections from this process alone
     * (Linux), as the standalone does: it has no authentication. The directory and the file are
     * created readable by their owner only.
     */
    public static EmbeddedMongo onDisk(Path dir, String host, int port, Predicate<String> rebuildable,
            boolean ownProcessOnly) {
        Path file = dir.resolve("inkstream.mv");
        try {
            ownerOnly(dir, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
        MVStore store = SnapshotFileStore.open(file);
        EmbeddedMongo mongo = new EmbeddedMongo(EmbeddedBackend.durable(new StableH2Backend(store), rebuildable), host,
                port, ownProcessOnly);
        log.info("Embedded MongoDB listening on {} with data in {}", mongo.address, file.toAbsolutePath());
        return mongo;
    }

    /** Creates the directory (0700) and the empty file (0600) unless they are there: H2 opens an empty file as new. */
    private static void ownerOnly(Path dir, Path file) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix && !Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    /** Keeps everything in memory, on a free loopback port: for tests. */
    public static EmbeddedMongo inMemory() {
        return inMemory("127.0.0.1", 0);
    }

    /** Keeps everything in memory: nothing survives a stop. For tests and benchmarks. */
    public static EmbeddedMongo inMemory(String host, int port) {
        EmbeddedMongo mongo = new EmbeddedMongo(EmbeddedBackend.volatileIn(new InMemoryBackend()), host, port, false);
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
