package io.inkstream.command.reply;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.inkstream.api.Actor;
import io.inkstream.platform.privacy.CommenterKeys;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Approved commenters in {@code approved_commenters}, one document per key: an author by login,
 * an anonymous commenter by the keyed hash of their email ({@link CommenterKeys}), so the set
 * holds no address. Erasing a commenter forgets them here too.
 */
@Component
class MongoCommenters implements Commenters {

    static final String COLLECTION = "approved_commenters";

    private final MongoCollection<Document> approved;
    private final CommenterKeys keys;

    MongoCommenters(MongoDatabase database, CommenterKeys keys) {
        this.approved = database.getCollection(COLLECTION);
        this.keys = keys;
    }

    @Override
    public String key(Actor actor, String email) {
        return !actor.anonymous() ? "login:" + actor.login() : keys.of(email);
    }

    @Override
    public boolean approved(String commenter) {
        return commenter != null && approved.find(eq("_id", commenter)).first() != null;
    }

    @Override
    public void approve(String commenter) {
        if (commenter != null) {
            approved.replaceOne(eq("_id", commenter), new Document("_id", commenter), new ReplaceOptions().upsert(true));
        }
    }

    @Override
    public void forget(String commenter) {
        approved.deleteOne(eq("_id", commenter));
    }
}
