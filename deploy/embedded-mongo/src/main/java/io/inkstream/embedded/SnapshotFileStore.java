package io.inkstream.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

/**
 * The standalone's file, telling when a commit has taken the state it writes. An H2 commit
 * first takes every changed map's root as of one version, then serializes and writes those
 * pages, while writers may go on (their changes belong to the next version). The write buffer
 * is asked for only once the roots are taken, which makes it the signal: {@link EmbeddedBackend}
 * then lets writes go on while the commit is written, instead of holding them back for all of
 * it (at 185 replies/s the commits held them ~40 % of the time, and read-model writes queued).
 *
 * <p>That order is H2's (2.3: {@code FileStore.serializeAndStore} after
 * {@code MVStore.collectChangedMapRoots}), not its API: if the signal stopped coming, the lock
 * would be held to the end of each commit as before, and EmbeddedBackendTest says so.
 */
final class SnapshotFileStore extends SingleFileStore {

    private volatile Runnable taken = () -> { };
    private final AtomicLong syncs = new AtomicLong();

    private SnapshotFileStore() {
        super(new HashMap<>());
    }

    /**
     * A store in {@code file}, committed only when told: H2's own background commit could take a
     * write half-applied (a document without its index entry). Pages are not compressed: every
     * commit rewrites the pages it changed, and compressing them cost every write its CPU
     * (README, performance); the file is larger for it. Pages written compressed stay readable.
     */
    static MVStore open(Path file) {
        SnapshotFileStore store = new SnapshotFileStore();
        store.open(file.toString(), false, (char[]) null);
        return new MVStore.Builder().adoptFileStore(store).autoCommitDisabled().open();
    }

    /** Runs {@code action} each time a commit has taken its state, on the committing thread. */
    void onTaken(Runnable action) {
        this.taken = Objects.requireNonNull(action);
    }

    @Override
    public void sync() {
        super.sync();
        syncs.incrementAndGet();
    }

    /** How many times the file was forced to disk. */
    long syncs() {
        return syncs.get();
    }

    @Override
    public WriteBuffer getWriteBuffer() {
        taken.run();
        return super.getWriteBuffer();
    }
}
