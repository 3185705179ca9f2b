package io.inkstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash leaves: the store file is copied while the server runs, as a SIGKILL would
 * leave it, and the copy is opened on its own. (A commit that was being written when copied
 * is not read: H2 opens the last whole one.)
 */
class EmbeddedBackendTest {

    @TempDir
    Path dir;

    MVStore store;
    EmbeddedBackend backend;
    MongoServer server;
    MongoClient client;
    MongoDatabase db;

    @BeforeEach
    void start() {
        store = SnapshotFileStore.open(dir.resolve("live.mv"));
        backend = EmbeddedBackend.durable(new StableH2Backend(store), "views"::equals);
        server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        db = client.getDatabase("test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    <T> T afterCrash(Function<MongoDatabase, T> read) throws IOException {
        Path copy = Files.copy(dir.resolve("live.mv"), dir.resolve("crashed-" + System.nanoTime() + ".mv"));
        MongoServer restarted = new MongoServer(new StableH2Backend(MVStore.open(copy.toString())));
        InetSocketAddress address = restarted.bind();
        try (MongoClient reader = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            return read.apply(reader.getDatabase("test"));
        } finally {
            restarted.shutdownNow();
        }
    }

    static List<Object> ids(MongoDatabase db, String collection) {
        return db.getCollection(collection).find().map(d -> d.get("_id")).into(new ArrayList<>());
    }

    @Test
    void anAcknowledgedWriteSurvivesACrash() throws IOException {
        db.getCollection("events").insertOne(new Document("_id", 1));
        List<Object> stored = afterCrash(crashed -> ids(crashed, "events"));
        assertThat(stored).containsExactly(1);
    }

    @Test
    void anAcknowledgedWriteIsOnDiskNotOnlyInTheFile() {
        SnapshotFileStore file = (SnapshotFileStore) store.getFileStore();
        long before = file.syncs();
        db.getCollection("events").insertOne(new Document("_id", 10));
        assertThat(file.syncs()).as("the event's commit was forced to disk before it was answered")
                .isGreaterThan(before);
    }

    @Test
    void aRebuildableWriteIsCommittedWithinASecond() {
        db.getCollection("views").insertOne(new Document("_id", "v1"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> afterCrash(crashed -> ids(crashed, "views")).contains("v1"));
    }

    @Test
    void aDurableWriteCommitsTheRebuildableWritesBeforeIt() throws IOException {
        // The read model first, then what it was built from: a crash leaves both, or neither.
        db.getCollection("views").insertOne(new Document("_id", "v2"));
        db.getCollection("events").insertOne(new Document("_id", 2));
        List<List<Object>> crashed = afterCrash(c -> List.of(ids(c, "views"), ids(c, "events")));
        assertThat(crashed.get(0)).contains("v2");
        assertThat(crashed.get(1)).contains(2);
    }

    @Test
    void writesGoOnWhileACommitIsWritten() throws Exception {
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        // Holds the first commit between taking its state and writing it.
        ((SnapshotFileStore) store.getFileStore()).onTaken(() -> {
            backend.letWritesGo();
            taken.countDown();
            try {
                written.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Void> event = CompletableFuture.runAsync(
                () -> db.getCollection("events").insertOne(new Document("_id", 1)));
        assertThat(taken.await(5, TimeUnit.SECONDS)).isTrue();
        // Neither a read-model write nor the next durable write waits for the commit to be written.
        db.getCollection("views").insertOne(new Document("_id", "v"));
        CompletableFuture<Void> next = CompletableFuture.runAsync(
                () -> db.getCollection("events").insertOne(new Document("_id", 2)));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> backend.applied() == 3);
        // Both events are acknowledged only once their commit is written.
        assertThat(event).isNotDone();
        assertThat(next).isNotDone();
        written.countDown();
        CompletableFuture.allOf(event, next).get(10, TimeUnit.SECONDS);
        List<Object> stored = afterCrash(crashed -> ids(crashed, "events"));
        assertThat(stored).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void theFileStopsGrowingFasterThanItsDataOnceCompacted() {
        // Freed chunks are reused at once, rather than after H2's 45 s (which protects readers
        // of older versions; nothing here reads one).
        store.setRetentionTime(0);
        var events = db.getCollection("events");
        String body = "x".repeat(1_000);
        // Appends committed one by one, as the event store's are: each commit writes the last
        // leaf page again, and leaves the one before as garbage among live pages.
        for (int i = 0; i < 1_000; i++) {
            events.insertOne(new Document("_id", i).append("body", body));
        }
        long uncompacted = store.getFileStore().size();
        for (int i = 1_000; i < 3_000; i++) {
            events.insertOne(new Document("_id", i).append("body", body));
            if (i % 20 == 0) {
                // Every second in a server, when no write came for a moment; here every 20 appends.
                backend.maintain(System.nanoTime() + EmbeddedBackend.QUIET.toNanos());
            }
        }
        // Uncompacted, the file grew about 10 MB per 1,000 appends of 1 KB; with twice the
        // data, it is now only a little larger than then.
        assertThat(store.getFileStore().size()).isLessThan(uncompacted * 3 / 2);
        assertThat(events.countDocuments()).isEqualTo(3_000);
    }
}
