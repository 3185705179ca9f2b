package io.inkstream.command.author;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.inkstream.api.AuthorId;
import io.inkstream.command.Refusals;
import io.inkstream.platform.security.Credentials;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Logins in the credentials collection, keyed by author id, so the unique {@code _id} decides
 * races. The claim is undone if the registration's events are not stored after all.
 */
@Component
class MongoLogins implements Logins {

    private final MongoCollection<Document> credentials;

    MongoLogins(MongoDatabase database) {
        this.credentials = database.getCollection(Credentials.COLLECTION);
    }

    @Override
    public boolean taken(String login) {
        return Author.RESERVED.contains(login) || credentials.find(eq("_id", login)).first() != null;
    }

    @Override
    public void claim(AuthorId authorId, String passwordHash) {
        if (Credentials.ADMIN_LOGIN.equals(authorId.value())) {
            throw Refusals.authorIdTaken(authorId);
        }
        try {
            credentials.insertOne(new Document("_id", authorId.value())
                    .append(Credentials.HASH, passwordHash)
                    .append(Credentials.ROLES, List.of("AUTHOR")));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw Refusals.authorIdTaken(authorId);
            }
            throw e;
        }
        CurrentUnitOfWork.ifStarted(unit -> unit.onRollback(rolledBack -> credentials.deleteOne(
                and(eq("_id", authorId.value()), eq(Credentials.HASH, passwordHash)))));
    }
}
