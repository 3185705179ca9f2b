package io.inkstream.eventstore;

import io.inkstream.embedded.TestServer;
import java.util.function.UnaryOperator;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngineTest;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;

/**
 * Axon Framework's own contract for a batching event storage engine, every test of it, run
 * against ours on a fresh database each time.
 */
class MongoEventLogContractTest extends BatchingEventStorageEngineTest<MongoEventLog, MongoEventLog.Builder> {

    @BeforeEach
    void setUp() {
        setTestSubject(createEngine());
    }

    @Override
    protected MongoEventLog createEngine(UnaryOperator<MongoEventLog.Builder> customization) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventLog.Builder builder = MongoEventLog.builder()
                .database(TestServer.database("contract"))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer);
        MongoEventLog engine = customization.apply(builder).build();
        engine.ensureIndexes();
        return engine;
    }
}
