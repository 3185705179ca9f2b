package io.inkstream.query.post;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.inkstream.api.post.Tags;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModelIndexes;
import io.inkstream.query.ReadModels;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Post pages stored before tags matched by key get their keys from their tags, once, at
 * startup, before any query: a field derived from what each document holds, so no replay is
 * needed. A document written since has its keys already, and is not touched.
 */
@Component
class TagKeysUpgrade {

    private static final Logger log = LoggerFactory.getLogger(TagKeysUpgrade.class);

    TagKeysUpgrade(Generations generations, ReadModelIndexes indexes) {
        upgrade(generations.reading());
        upgrade(generations.writing());
    }

    /** Answers how many post pages it gave keys to. */
    static long upgrade(Generation target) {
        MongoCollection<Document> posts = target.get(ReadModels.POSTS);
        Long upgraded = Flux.from(posts.find(exists(PostProjection.TAG_KEYS, false)).projection(Projections.include("tags")))
                .concatMap(d -> Mono.from(posts.updateOne(and(eq("_id", d.get("_id")), exists(PostProjection.TAG_KEYS, false)),
                        Updates.set(PostProjection.TAG_KEYS, Tags.keys(d.getList("tags", String.class, List.of()))))))
                .count().block(Duration.ofMinutes(10));
        if (upgraded != null && upgraded > 0) {
            log.info("Gave {} post pages of {} their tag keys", upgraded, posts.getNamespace().getCollectionName());
        }
        return upgraded == null ? 0 : upgraded;
    }
}
