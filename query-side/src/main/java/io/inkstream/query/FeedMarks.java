package io.inkstream.query;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * When each feed last changed: a document per feed ({@code site}, {@code author/<id>},
 * {@code tag/<key>}, {@code replies/<postId>}, and {@code authors} for any author's name),
 * whose {@code n} the live projections raise once a change a feed shows is stored. A feed
 * reader's poll then costs one {@code _id} lookup of its marks and, unless they moved, an
 * answer built before. Not a read model: a replay raises the marks again, which only makes
 * readers fetch a feed once more.
 */
@Component
public class FeedMarks {

    public static final String COLLECTION = "feed_marks";
    public static final String SITE = "site";
    /** Raised when any author's name changes: every feed shows authors' names. */
    public static final String AUTHORS = "authors";

    private final MongoCollection<Document> marks;
    private final Clock clock;

    @Autowired
    FeedMarks(MongoDatabase reactiveMongoDatabase) {
        this(reactiveMongoDatabase.getCollection(COLLECTION), Clock.systemUTC());
    }

    FeedMarks(MongoCollection<Document> marks, Clock clock) {
        this.marks = marks;
        this.clock = clock;
    }

    public static String author(String authorId) {
        return "author/" + authorId;
    }

    public static String tag(String key) {
        return "tag/" + key;
    }

    public static String replies(String postId) {
        return "replies/" + postId;
    }

    /** Raises these feeds' marks, in one round trip; blocking, for projections. */
    public void changed(Collection<String> feeds) {
        if (feeds.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        List<UpdateOneModel<Document>> raises = feeds.stream().distinct()
                .map(feed -> new UpdateOneModel<Document>(eq("_id", feed),
                        Updates.combine(Updates.inc("n", 1L), Updates.max("changedAt", now)), new UpdateOptions().upsert(true)))
                .toList();
        ReadModels.await(Mono.from(marks.bulkWrite(raises)));
    }

    /** The marks of these feeds that were ever raised, by feed: one lookup. */
    public Mono<Map<String, Mark>> of(Collection<String> feeds) {
        return Flux.from(marks.find(in("_id", feeds)))
                .collect(Collectors.toMap(d -> d.getString("_id"), Mark::of, (a, b) -> a));
    }

    /** How many times a feed changed, and when it last did. */
    public record Mark(long n, java.time.Instant changedAt) {
        static Mark of(Document d) {
            return new Mark(d.get("n", Number.class).longValue(), d.getDate("changedAt").toInstant());
        }
    }
}
