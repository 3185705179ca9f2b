package io.inkstream.command.post;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.inkstream.api.PostId;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Slugs keyed by {@code _id}, so two posts with one title at the same moment cannot both win
 * the same slug. A claim is released again if the post's events are not stored after all.
 * The collection can be rebuilt from the {@code PostPublished} events, which carry the slug.
 */
@Component
class MongoSlugs implements Slugs {

    static final String COLLECTION = "post_slugs";
    private static final int TRIES = 50;

    private final MongoCollection<Document> slugs;

    MongoSlugs(MongoDatabase database) {
        this.slugs = database.getCollection(COLLECTION);
    }

    @Override
    public String claim(String base, PostId postId) {
        for (int n = 1; n <= TRIES; n++) {
            String slug = n == 1 ? base : base + "-" + n;
            if (tryClaim(slug, postId)) {
                return slug;
            }
        }
        // A title used this often: a short random suffix ends the search.
        String slug = base + "-" + UUID.randomUUID().toString().substring(0, 8);
        if (!tryClaim(slug, postId)) {
            throw new IllegalStateException("no free slug for " + base);
        }
        return slug;
    }

    private boolean tryClaim(String slug, PostId postId) {
        try {
            slugs.insertOne(new Document("_id", slug).append("postId", postId.value()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document holder = slugs.find(eq("_id", slug)).first();
            return holder != null && postId.value().equals(holder.getString("postId"));
        }
        CurrentUnitOfWork.ifStarted(unit -> unit.onRollback(rolledBack ->
                slugs.deleteOne(and(eq("_id", slug), eq("postId", postId.value())))));
        return true;
    }
}
