package io.inkstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $in} lookups answered with a set say what the server's own matcher says, and both
 * embedded stores (memory, H2 file) answer lookups of many keys with exactly the documents asked.
 */
class InMatchTest {

    @TempDir
    Path dir;

    static final List<Object> VALUES = new ArrayList<>(List.of("a", "c", 1L, 2, 1.0, 2.5, List.of("a", "b"), List.of(1L),
            new Document("event", "e"), "1"));

    static {
        VALUES.add(null);
    }

    static final List<Document> QUERIES = List.of(
            query("k", new Document("$in", List.of("a", "b"))),
            query("k", new Document("$in", List.of(1L, 3L))),
            query("k", new Document("$in", List.of(1, 2))),
            query("k", new Document("$in", List.of("a", 1L))),
            query("k", new Document("$in", List.of(1.0))),
            query("k", new Document("$in", List.of())),
            query("k", new Document("$in", List.of("a")).append("$nin", List.of("c"))),
            query("k.x", new Document("$in", List.of("a"))),
            new Document("k", new Document("$in", List.of("a"))).append("other", 1));

    static Document query(String field, Object condition) {
        return new Document(field, condition);
    }

    @Test
    void setAnswersAsTheServersMatcherDoes() {
        DefaultQueryMatcher server = new DefaultQueryMatcher();
        // The server's matcher, counting the times it is asked: the others the set answered.
        AtomicInteger asked = new AtomicInteger();
        BiPredicate<Document, Document> fallback = (document, query) -> {
            asked.incrementAndGet();
            return server.matches(document, query);
        };
        InMatch in = new InMatch();
        int answered = 0;
        for (Document query : QUERIES) {
            for (Object value : VALUES) {
                Document document = new Document("_id", 1).append("k", value);
                int before = asked.get();
                boolean mine = in.matches(document, query, fallback);
                if (asked.get() == before) {
                    answered++;
                    assertThat(mine).as("%s against %s", document, query).isEqualTo(server.matches(document, query));
                }
            }
            Document without = new Document("_id", 2);
            assertThat(in.matches(without, query, fallback)).as("no field against %s", query)
                    .isEqualTo(server.matches(without, query));
        }
        // The lookups the event store makes are answered here: strings with strings, whole numbers with whole numbers.
        int before = asked.get();
        assertThat(in.matches(new Document("k", "a"), QUERIES.get(0), fallback)).isTrue();
        assertThat(in.matches(new Document("k", 3L), QUERIES.get(1), fallback)).isTrue();
        assertThat(in.matches(new Document("k", 2), QUERIES.get(2), fallback)).isTrue();
        assertThat(asked).hasValue(before);
        assertThat(answered).isGreaterThanOrEqualTo(10);
    }

    @Test
    void lookupsOfManyKeysFindExactlyThoseOnBothStores() {
        try (EmbeddedMongo memory = EmbeddedMongo.inMemory();
             EmbeddedMongo file = EmbeddedMongo.onDisk(dir, "127.0.0.1", 0, name -> false)) {
            for (EmbeddedMongo mongo : List.of(memory, file)) {
                try (MongoClient client = MongoClients.create(mongo.uri("in"))) {
                    MongoCollection<org.bson.Document> events = client.getDatabase("in").getCollection("events");
                    events.createIndex(new org.bson.Document("stream", 1),
                            new com.mongodb.client.model.IndexOptions().unique(true));
                    List<org.bson.Document> docs = new ArrayList<>();
                    for (long i = 1; i <= 3_000; i++) {
                        docs.add(new org.bson.Document("_id", i).append("stream", "s/" + i).append("n", "n/" + i));
                    }
                    events.insertMany(docs);
                    List<Long> wanted = LongStream.rangeClosed(1_001, 2_000).boxed().toList();
                    Set<Object> found = new HashSet<>();
                    events.find(Filters.in("_id", wanted)).forEach(d -> found.add(d.get("_id")));
                    assertThat(found).isEqualTo(new HashSet<>(wanted));
                    Set<Object> streams = new HashSet<>();
                    events.find(Filters.in("stream", List.of("s/7", "s/2999", "s/9999"))).forEach(d -> streams.add(d.get("_id")));
                    assertThat(streams).containsExactlyInAnyOrder(7L, 2_999L);
                    // A field of no index: every document is matched, here by the set.
                    Set<Object> named = new HashSet<>();
                    events.find(Filters.in("n", List.of("n/5", "n/6", "s/7"))).forEach(d -> named.add(d.get("_id")));
                    assertThat(named).containsExactlyInAnyOrder(5L, 6L);
                }
            }
        }
    }
}
