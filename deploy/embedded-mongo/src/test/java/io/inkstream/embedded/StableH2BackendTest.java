package io.inkstream.embedded;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unique indexes of the embedded server's file store, ordered without serializing keys. */
class StableH2BackendTest {

    @TempDir
    Path dir;

    /** One of each kind of _id the drivers send, objects whose hash is not their identity among them. */
    static final List<Object> IDS = List.of("reply-1", 42L, 7, 2.5, new ObjectId("65a1b2c3d4e5f60718293a4b"),
            new Document("stream", "post-1").append("seq", 3L), new Date(1_700_000_000_000L), true);

    void with(Function<MVStore, MongoBackend> backend, Consumer<MongoCollection<Document>> use) {
        MongoServer server = new MongoServer(backend.apply(MVStore.open(dir.resolve("store.mv").toString())));
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            use.accept(client.getDatabase("test").getCollection("things"));
        } finally {
            server.shutdownNow();
        }
    }

    static void fill(MongoCollection<Document> things) {
        things.createIndex(Indexes.ascending("stream", "seq"), new IndexOptions().unique(true));
        for (int i = 0; i < IDS.size(); i++) {
            things.insertOne(new Document("_id", IDS.get(i)).append("stream", "s").append("seq", i));
        }
    }

    static void everyKeyIsFound(MongoCollection<Document> things) {
        for (int i = 0; i < IDS.size(); i++) {
            Object id = IDS.get(i);
            assertThat(things.find(eq("_id", id)).first()).as("by _id %s", id).isNotNull()
                    .extracting(d -> d.get("seq")).isEqualTo(i);
            assertThat(things.find(new Document("stream", "s").append("seq", i)).first()).as("by key %s", i)
                    .isNotNull().extracting(d -> d.get("_id")).isEqualTo(id);
        }
        assertThat(things.countDocuments(new Document("_id", new Document("$in", IDS)))).isEqualTo(IDS.size());
        for (Object id : IDS) {
            assertThatThrownBy(() -> things.insertOne(new Document("_id", id).append("stream", "t")))
                    .as("second %s", id).isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        }
        assertThatThrownBy(() -> things.insertOne(new Document("_id", "other").append("stream", "s").append("seq", 0)))
                .isInstanceOf(MongoWriteException.class);
    }

    /** A document with a value of each BSON type the drivers send, nested and in arrays too. */
    static Document everyType() {
        Document nested = new Document("text", "Leave a Reply").append("n", 3).append("when", new Date(1_700_000_000_000L));
        return new Document("_id", "all").append("string", "Ünïcode, \"quoted\" and long ".repeat(40))
                .append("int", 7).append("long", 1L << 40).append("double", 2.5).append("decimal", Decimal128.parse("1.10"))
                .append("true", true).append("null", null).append("date", new Date(1_600_000_000_000L))
                .append("objectId", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("binary", new Binary((byte) 4, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                .append("timestamp", new BsonTimestamp(1_700_000_000, 1)).append("nested", nested)
                .append("array", List.of("a", 1, nested, List.of(2L, "b")));
    }

    @Test
    void documentsOfEveryTypeReadBackAsWrittenAfterTheStoreIsReopened() {
        with(StableH2Backend::new, things -> things.insertOne(everyType()));
        with(StableH2Backend::new, things -> assertThat(things.find(eq("_id", "all")).first()).isEqualTo(everyType()));
    }

    @Test
    void documentsAreStoredAsBson() {
        with(StableH2Backend::new, things -> things.insertOne(everyType()));
        // H2's default type, which the server used before, knows no BSON: a file written now
        // does not open in a version before this one.
        assertThatThrownBy(() -> with(H2Backend::new, things -> things.find().first()))
                .isInstanceOf(MVStoreException.class).hasMessageContaining("tag " + StoredDocuments.BSON);
    }

    @Test
    void keysOfEveryKindAreFoundAfterTheStoreIsReopened() {
        with(StableH2Backend::new, StableH2BackendTest::fill);
        with(StableH2Backend::new, StableH2BackendTest::everyKeyIsFound);
    }

    @Test
    void droppedIndexesLeaveNoMapBehind() {
        with(StableH2Backend::new, things -> {
            fill(things);
            things.dropIndex(Indexes.ascending("stream", "seq"));
            things.insertOne(new Document("_id", "again").append("stream", "s").append("seq", 0));
            things.drop();
        });
        MVStore store = MVStore.open(dir.resolve("store.mv").toString());
        try {
            assertThat(store.getMapNames()).noneMatch(name -> name.contains("things._index_"));
        } finally {
            store.close();
        }
    }

    @Test
    void anUpdateStoresAChangedCopyAndLeavesTheStoredDocumentAsItWas() {
        // A commit may be serializing the stored document meanwhile (SnapshotFileStore).
        var store = new java.util.concurrent.atomic.AtomicReference<MVStore>();
        with(opened -> {
            store.set(opened);
            return new StableH2Backend(opened);
        }, things -> {
            things.insertOne(new Document("_id", "a").append("n", 1).append("tags", List.of("x")));
            var documents = store.get().<Object, de.bwaldvogel.mongo.bson.Document>openMap("databases.test.things");
            var stored = documents.get("a");
            things.updateOne(eq("_id", "a"), new Document("$inc", new Document("n", 1)).append("$push", new Document("tags", "y")));
            things.findOneAndUpdate(eq("_id", "a"), new Document("$inc", new Document("n", 1)));
            assertThat(stored.get("n")).isEqualTo(1);
            assertThat(stored.get("tags")).isEqualTo(List.of("x"));
            assertThat(documents.get("a").get("n")).isEqualTo(3);
            assertThat(things.find(eq("_id", "a")).first()).isEqualTo(new Document("_id", "a").append("n", 3)
                    .append("tags", List.of("x", "y")));
        });
    }
}
