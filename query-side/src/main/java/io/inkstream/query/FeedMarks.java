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
 * {@code tag/<key>}, {@code replies/<postId>}, and {@code every} for what every feed shows: an
 * author's name, a read model rebuilt), whose {@code n} the live projections raise once a change
 * a feed shows is stored. A feed reader's poll then costs one {@code _id} lookup of its marks
 * and, unless they moved, an answer built before. Not a read model: while one is rebuilt its
 * projection raises nothing (readers see the old generation until the switch, which raises
 * {@code every}), so a replay costs no mark per batch.
 */
@Component
public class FeedMarks {

    public static final String COLLECTION = "feed_marks";
    public static final String SITE = "site";
    /** Raised when something every feed shows changes: an author's name, a rebuilt read model. */
    public static final String EVERY = "every";

    private final MongoCollection<Document> marks;
    private final Generations generations;
    private final Clock clock;

    @Autowired
    FeedMarks(MongoDatabase reactiveMongoDatabase, Generations generations) {
        this(reactiveMongoDatabase.getCollection(COLLECTION), generations, Clock.systemUTC());
    }

    FeedMarks(MongoCollection<Document> marks, Generations generations, Clock clock) {
        this.marks = marks;
        this.generations = generations;
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

    /**
     * A change to {@code readModel} that these feeds show is stored: raises their marks, in one
     * round trip, unless the change went to a generation being rebuilt. Blocking, for projections.
     */
    public void changed(String readModel, Collection<String> feeds) {
        if (generations.state(readModel).building() == null) {
            ReadModels.await(raise(feeds));
        }
    }

    /** Raises these feeds' marks, in one round trip. */
    public Mono<Void> raise(Collection<String> feeds) {
        if (feeds.isEmpty()) {
            return Mono.empty();
        }
        Date now = Date.from(clock.instant());
        List<UpdateOneModel<Document>> raises = feeds.stream().distinct()
                .map(feed -> new UpdateOneModel<Document>(eq("_id", feed),
                        Updates.combine(Updates.inc("n", 1L), Updates.max("changedAt", now)), new UpdateOptions().upsert(true)))
                .toList();
        return Mono.from(marks.bulkWrite(raises)).then();
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
