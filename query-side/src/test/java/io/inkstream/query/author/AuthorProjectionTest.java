package io.inkstream.query.author;

import static io.inkstream.query.ReadModelTesting.all;
import static io.inkstream.query.ReadModelTesting.one;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.author.AuthorProfileUpdated;
import io.inkstream.api.author.AuthorRegistered;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostUnpublished;
import io.inkstream.query.ReadModelTesting;
import io.inkstream.query.ReadModels;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class AuthorProjectionTest {

    static final AuthorId JON = new AuthorId("jon-ingham");
    static final Instant T0 = Instant.parse("2010-01-25T10:00:00Z");
    static final AuthorRegistered REGISTERED = new AuthorRegistered(JON, "Jon Ingham", "I graduated", "jon [at] x");
    static final AuthorProfileUpdated UPDATED = new AuthorProfileUpdated(JON, "Jon Ingham", "New bio", null);

    final MongoDatabase db = ReadModelTesting.freshDatabase();
    final AuthorProjection projection = AuthorProjection.into(db::getCollection);

    static PostPublished published(String postId) {
        return new PostPublished(new PostId(postId), JON, postId, "Title " + postId, "Body", List.of(), null, List.of());
    }

    Document author() {
        return one(db, ReadModels.AUTHORS, "jon-ingham");
    }

    void history() {
        projection.on(REGISTERED, 1, T0);
        projection.on(published("p1"));
        projection.on(published("p2"));
        projection.on(UPDATED, 2);
        projection.on(new PostUnpublished(new PostId("p1"), JON));
    }

    @Test
    void profileFollowsRegistrationAndUpdates() {
        projection.on(REGISTERED, 1, T0);
        assertThat(author().getString("bio")).isEqualTo("I graduated");
        assertThat(author().getDate("registeredAt").toInstant()).isEqualTo(T0);
        projection.on(UPDATED, 2);
        assertThat(author().getString("bio")).isEqualTo("New bio");
        assertThat(author().getString("contact")).isNull();
        assertThat(author().getDate("registeredAt").toInstant()).isEqualTo(T0);
    }

    @Test
    void publishedPostsAreCountedAndUnpublishedOnesLeave() {
        history();
        assertThat(author().getList("postIds", String.class)).containsExactly("p2");
    }

    @Test
    void everyEventHandledTwiceGivesTheSameReadModel() {
        history();
        List<Document> once = all(db, ReadModels.AUTHORS);
        history();
        projection.on(REGISTERED, 1, T0); // a late redelivery of the first event
        assertThat(all(db, ReadModels.AUTHORS)).isEqualTo(once);
    }
}
