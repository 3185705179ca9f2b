package io.inkstream.query;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The indexes the read models' queries need, created at startup (and for each generation a
 * replay builds) before any projection writes. Threads, replies and authors are read by
 * {@code _id} only. The embedded server keeps only the unique slug index; real MongoDB gets
 * all of them (deploy/README.md).
 */
@Component
public class ReadModelIndexes {

    public ReadModelIndexes(Generations generations) {
        create(generations.reading());
        create(generations.writing());
    }

    public static void create(Generation target) {
        List<IndexModel> posts = List.of(
                new IndexModel(Indexes.ascending("slug"), new IndexOptions().unique(true).name("slug_unique")),
                new IndexModel(Indexes.descending("publishedAt", "_id"), new IndexOptions().name("newest")),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("authorId"), Indexes.descending("publishedAt", "_id")),
                        new IndexOptions().name("author_newest")),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("tagKeys"), Indexes.descending("publishedAt", "_id")),
                        new IndexOptions().name("tag_key_newest")));
        Mono.from(target.get(ReadModels.POSTS).createIndexes(posts)).block(ReadModels.WRITE_TIMEOUT);
        // Tags match by key now: the index on their spelling serves no query. Dropped only where it
        // is, so no start logs a failed drop.
        Boolean old = Flux.from(target.get(ReadModels.POSTS).listIndexes())
                .any(index -> "tag_newest".equals(index.getString("name"))).block(ReadModels.WRITE_TIMEOUT);
        if (Boolean.TRUE.equals(old)) {
            Mono.from(target.get(ReadModels.POSTS).dropIndex("tag_newest")).block(ReadModels.WRITE_TIMEOUT);
        }
        List<IndexModel> drafts = List.of(
                new IndexModel(Indexes.ascending("slug"), new IndexOptions().unique(true).name("slug_unique")),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("authorId"), Indexes.descending("updatedAt", "_id")),
                        new IndexOptions().name("author_changed")));
        Mono.from(target.get(ReadModels.DRAFTS).createIndexes(drafts)).block(ReadModels.WRITE_TIMEOUT);
        Mono.from(target.get(ReadModels.MODERATION).createIndex(Indexes.ascending("createdAt", "_id"),
                new IndexOptions().name("oldest"))).block(ReadModels.WRITE_TIMEOUT);
    }
}
