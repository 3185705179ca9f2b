package io.inkstream.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.inkstream.embedded.TestServer;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngineTest;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Axon Framework's own contract for a batching event storage engine, every test of it, run
 * against ours on a fresh database each time.
 */
class MongoEventLogContractTest extends BatchingEventStorageEngineTest<MongoEventLog, MongoEventLog.Builder> {

    private static MongoClient client;

    @BeforeEach
    void setUp() {
        setTestSubject(createEngine());
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    protected MongoEventLog createEngine(UnaryOperator<MongoEventLog.Builder> customization) {
        synchronized (MongoEventLogContractTest.class) {
            if (client == null) {
                client = MongoClients.create(TestServer.uri("inkstream"));
            }
        }
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventLog.Builder builder = MongoEventLog.builder()
                .database(client.getDatabase("contract-" + UUID.randomUUID().toString().substring(0, 8)))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer);
        MongoEventLog engine = customization.apply(builder).build();
        engine.ensureIndexes();
        return engine;
    }
}
