package io.inkstream.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's backend, made to keep two promises real MongoDB keeps and
 * mongo-java-server on its own does not:
 * <ul>
 * <li>A write is atomic. Two connections' {@code findAndModify $inc} on one document can
 * otherwise both read the old value (seen here: two processes got the same event index), and
 * unique-index checks can race the same way. Writes therefore run one at a time; reads run
 * concurrently.</li>
 * <li>An acknowledged write is durable. The H2 file backend otherwise commits about once a
 * second, and a process killed in between would lose writes its clients saw succeed; here the
 * store is committed (to the operating system, so it survives SIGKILL) before the answer;
 * concurrent writers share commits.</li>
 * </ul>
 * Documents that can be rebuilt from the events (read models and their processors' tokens)
 * are the exception: their writes answer at once and are committed within a second, or with the
 * next durable write. Committing each read-model write made the standalone's read models lag by
 * hundreds of milliseconds behind the commands.
 *
 * <p>A commit takes the store's state under the write lock, so the file always holds a prefix
 * of the writes in the order they were applied: after a crash a read model and its token are
 * as of the same moment, and the processor redoes what followed (projections are idempotent).
 * Over a {@link SnapshotFileStore} the lock is let go once the state is taken, and writes go on
 * while the commit is written; otherwise it is held to the end of the commit.
 */
final class EmbeddedBackend implements MongoBackend {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBackend.class);

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify", "findandmodify",
            "createIndexes", "create", "drop", "dropDatabase", "dropIndexes", "renameCollection");
    /** Writes of documents, as opposed to changes of collections and indexes, which always commit. */
    private static final Set<String> DOCUMENT_WRITES = Set.of("insert", "update", "delete", "findAndModify",
            "findandmodify");
    private static final Duration RELAXED_WITHIN = Duration.ofSeconds(1);
    /**
     * Below this share of live data in the file's chunks, the live pages of the sparsest chunks
     * are written again, so that those chunks free up and the file reuses their space.
     */
    static final int LIVE_SHARE = 50;
    /** Bytes of live pages rewritten per round. */
    static final int COMPACT_WRITE = 256 * 1024;
    /**
     * A round holds the store's lock, which every commit waits for, for longer the larger the
     * file: so it runs once no write came for this long, or else once in {@link #COMPACT_AT_LEAST}.
     */
    static final Duration QUIET = Duration.ofMillis(200);
    static final Duration COMPACT_AT_LEAST = Duration.ofMinutes(1);

    private final MongoBackend delegate;
    private final Runnable commit;
    private final Runnable compact;
    private final Predicate<String> rebuildable;
    /** Commits the rebuildable writes; none in memory, where there is nothing to commit. */
    private final ScheduledExecutorService committer;
    private final ReentrantLock writes = new ReentrantLock();
    private final Object commitLock = new Object();
    /** The thread committing, while it holds the write lock for the commit to take its state. */
    private volatile Thread taking;
    /** Writes applied, and of those the ones committed; both only grow. */
    private long applied;
    private volatile long committed;
    private volatile long lastWrite = System.nanoTime();
    private long lastCompaction = System.nanoTime();

    private EmbeddedBackend(MongoBackend delegate, Runnable commit, Runnable compact, Predicate<String> rebuildable,
            boolean scheduled) {
        this.delegate = delegate;
        this.commit = commit;
        this.compact = compact;
        this.rebuildable = rebuildable;
        this.committer = scheduled ? Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-mongo-commit");
            thread.setDaemon(true);
            return thread;
        }) : null;
        if (scheduled) {
            long every = RELAXED_WITHIN.toMillis();
            committer.scheduleWithFixedDelay(() -> maintain(System.nanoTime()), every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @param h2 a store opened with auto-commit disabled: its own background commit could catch
     *     a write half-applied (a document without its index entry)
     * @param rebuildable collections whose writes need not be committed before they are answered
     */
    static EmbeddedBackend durable(H2Backend h2, Predicate<String> rebuildable) {
        MVStore store = h2.getMvStore();
        EmbeddedBackend backend = new EmbeddedBackend(h2, () -> {
            if (store.hasUnsavedChanges()) {
                h2.commit();
                // H2 writes a commit to the file but forces it to disk only when it closes or
                // compacts: without this an acknowledged write survived a killed process, not a
                // power cut. Concurrent writers share one commit, and so one force.
                store.sync();
            }
        }, () -> store.compact(LIVE_SHARE, COMPACT_WRITE), rebuildable, true);
        if (store.getFileStore() instanceof SnapshotFileStore file) {
            file.onTaken(backend::letWritesGo);
        }
        return backend;
    }

    static EmbeddedBackend volatileIn(MongoBackend memory) {
        return new EmbeddedBackend(memory, () -> { }, () -> { }, collection -> true, false);
    }

    private <T> T perform(String command, Object target, Supplier<T> operation) {
        if (!WRITES.contains(command)) {
            return operation.get();
        }
        long mine;
        T answer;
        writes.lock();
        try {
            answer = operation.get();
            mine = ++applied;
            lastWrite = System.nanoTime();
        } finally {
            writes.unlock();
        }
        boolean relaxed = DOCUMENT_WRITES.contains(command) && target instanceof String collection
                && rebuildable.test(collection);
        if (!relaxed) {
            awaitCommitted(mine);
        }
        return answer;
    }

    /** How many writes were applied so far. */
    long applied() {
        writes.lock();
        try {
            return applied;
        } finally {
            writes.unlock();
        }
    }

    /**
     * Every second: commits the rebuildable writes, and compacts when quiet. The store is opened
     * without H2's background thread (it could commit half of a write), which is also what
     * compacts a file; without it every commit's rewritten pages leave garbage behind for good,
     * and the file grows without end under a steady load.
     */
    void maintain(long now) {
        commitApplied();
        if (now - lastWrite < QUIET.toNanos() && now - lastCompaction < COMPACT_AT_LEAST.toNanos()) {
            return;
        }
        lastCompaction = now;
        try {
            // Only rewrites pages, which changes no document: safe beside writes, and the
            // next commit stores the rewritten pages.
            compact.run();
        } catch (RuntimeException e) {
            log.warn("Embedded MongoDB compaction failed: {}", e.toString());
        }
    }

    private void commitApplied() {
        long upTo;
        writes.lock();
        try {
            upTo = applied;
        } finally {
            writes.unlock();
        }
        try {
            awaitCommitted(upTo);
        } catch (RuntimeException e) {
            // The next durable write or the next round tries again; a crash meanwhile only
            // costs the redo of rebuildable writes.
            log.warn("Embedded MongoDB commit failed: {}", e.toString());
        }
    }

    /**
     * Group commit: the first writer to get here commits every write applied so far, and the
     * writers it covered answer without a commit of their own. Concurrent writers thus share
     * one commit (one file write) instead of queueing for one each; nobody answers before the
     * commit that holds its write. The commit takes its state under the write lock, so it never
     * holds half of a write.
     */
    private void awaitCommitted(long mine) {
        synchronized (commitLock) {
            if (committed >= mine) {
                return;
            }
            long upTo;
            writes.lock();
            taking = Thread.currentThread();
            try {
                upTo = applied;
                commit.run();
            } finally {
                letWritesGo();
            }
            committed = upTo;
        }
    }

    /** Called once a commit has taken its state, on its thread; and after every commit. */
    void letWritesGo() {
        if (taking == Thread.currentThread()) {
            taking = null;
            writes.unlock();
        }
    }

    /** Whether a connection may be served; every one until {@link #admitOnly}. */
    private volatile Predicate<Channel> admits = channel -> true;
    private static final AttributeKey<Boolean> ADMITTED = AttributeKey.valueOf("inkstream.admitted");

    /** From now on, serves only connections that pass this check, made once per connection. */
    void admitOnly(Predicate<Channel> check) {
        this.admits = check;
    }

    /** Refuses (and closes) a connection the check does not let in. */
    private void admit(Channel channel) {
        if (channel == null) {
            return;
        }
        Boolean admitted = channel.attr(ADMITTED).get();
        if (admitted == null) {
            admitted = admits.test(channel);
            channel.attr(ADMITTED).set(admitted);
            if (!admitted) {
                log.warn("Refused a connection to the embedded MongoDB from {}: it serves this process only "
                        + "(start it with --inkstream.mode=mongo to serve others)", channel.remoteAddress());
            }
        }
        if (!admitted) {
            channel.close();
            throw new MongoServerException("this server serves its own process only");
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        admit(channel);
        return perform(command, query.get(command), () -> delegate.handleCommand(channel, database, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        admit(message.getChannel());
        Document document = message.getDocument();
        String command = document.keySet().iterator().next();
        return perform(command, document.get(command), () -> delegate.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        admit(query.getChannel());
        return delegate.handleQuery(query);
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        perform("dropDatabase", database, () -> {
            delegate.dropDatabase(database);
            return null;
        });
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        if (committer != null) {
            committer.shutdownNow();
        }
        writes.lock();
        try {
            commit.run();
            delegate.close();
        } finally {
            writes.unlock();
        }
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
