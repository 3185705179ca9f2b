package io.inkstream.platform.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

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
 */
final class EmbeddedBackend implements MongoBackend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify", "findandmodify",
            "createIndexes", "create", "drop", "dropDatabase", "dropIndexes", "renameCollection");

    private final MongoBackend delegate;
    private final Runnable commit;
    private final ReentrantLock writes = new ReentrantLock();
    private final Object commitLock = new Object();
    /** Writes applied, and of those the ones committed; both only grow. */
    private long applied;
    private volatile long committed;

    private EmbeddedBackend(MongoBackend delegate, Runnable commit) {
        this.delegate = delegate;
        this.commit = commit;
    }

    static EmbeddedBackend durable(H2Backend h2) {
        return new EmbeddedBackend(h2, () -> {
            if (h2.getMvStore().hasUnsavedChanges()) {
                h2.commit();
            }
        });
    }

    static EmbeddedBackend volatileIn(MongoBackend memory) {
        return new EmbeddedBackend(memory, () -> { });
    }

    private <T> T perform(String command, Supplier<T> operation) {
        if (!WRITES.contains(command)) {
            return operation.get();
        }
        long mine;
        T answer;
        writes.lock();
        try {
            answer = operation.get();
            mine = ++applied;
        } finally {
            writes.unlock();
        }
        awaitCommitted(mine);
        return answer;
    }

    /**
     * Group commit: the first writer to get here commits every write applied so far, and the
     * writers it covered answer without a commit of their own. Concurrent writers thus share
     * one commit (one file write) instead of queueing for one each; nobody answers before the
     * commit that holds its write. The commit itself runs under the write lock, so it never
     * holds half of a write.
     */
    private void awaitCommitted(long mine) {
        synchronized (commitLock) {
            if (committed >= mine) {
                return;
            }
            writes.lock();
            try {
                long upTo = applied;
                commit.run();
                committed = upTo;
            } finally {
                writes.unlock();
            }
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return perform(command, () -> delegate.handleCommand(channel, database, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        String command = message.getDocument().keySet().iterator().next();
        return perform(command, () -> delegate.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return delegate.handleQuery(query);
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        perform("dropDatabase", () -> {
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
        writes.lock();
        try {
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
