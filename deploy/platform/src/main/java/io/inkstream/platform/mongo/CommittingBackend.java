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

/**
 * Commits the H2 store before a write is acknowledged. The H2 backend otherwise commits about
 * once a second, and a process killed in between would lose writes its clients saw succeed.
 * The commit reaches the operating system, so it survives SIGKILL of this process.
 */
final class CommittingBackend implements MongoBackend {

    private final H2Backend delegate;

    CommittingBackend(H2Backend delegate) {
        this.delegate = delegate;
    }

    private <T> T committed(T answer) {
        if (delegate.getMvStore().hasUnsavedChanges()) {
            delegate.commit();
        }
        return answer;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return committed(delegate.handleCommand(channel, database, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return committed(delegate.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return committed(delegate.handleQuery(query));
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        delegate.dropDatabase(database);
        committed(null);
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
        delegate.close();
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
