package io.inkstream.query.post;

import static io.inkstream.query.ReadModelTesting.all;
import static io.inkstream.query.ReadModelTesting.one;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.inkstream.api.AuthorId;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import io.inkstream.api.Versions;
import io.inkstream.api.post.PostEdited;
import io.inkstream.api.post.PostEvent;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostUnpublished;
import io.inkstream.api.post.RepliesClosed;
import io.inkstream.api.post.RepliesOpened;
import io.inkstream.query.ReadModelTesting;
import io.inkstream.query.ReadModels;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class PostProjectionTest {

    static final PostId POST = new PostId("post-1");
    static final AuthorId JON = new AuthorId("jon-ingham");
    static final Instant T0 = Instant.parse("2010-01-25T10:00:00Z");
    static final PostPublished PUBLISHED = new PostPublished(POST, JON, "josh-bersin", "Josh Bersin",
            "![pic](images/a.jpg)\n\n## Heading\n\nFirst words.", List.of("social learning"),
            "https://strategic-hcm.example/josh", List.of(new Link("Related", "https://strategic-hcm.example/r")));
    static final PostEdited EDITED = new PostEdited(POST, "Josh Bersin, revised", "New *body*", List.of("a", "b"),
            null, List.of());

    final MongoDatabase db = ReadModelTesting.freshDatabase();
    final PostProjection projection = PostProjection.into(ReadModelTesting.collections(db));

    void apply(PostEvent event, long sequence) {
        Instant at = T0.plusSeconds(sequence * 60);
        switchOn(event, Versions.after(sequence), at);
    }

    private void switchOn(PostEvent event, long version, Instant at) {
        if (event instanceof PostPublished e) {
            projection.on(e, version, at);
        } else if (event instanceof PostEdited e) {
            projection.on(e, version, at);
        } else if (event instanceof RepliesOpened e) {
            projection.on(e, version);
        } else if (event instanceof RepliesClosed e) {
            projection.on(e, version);
        } else if (event instanceof PostUnpublished e) {
            projection.on(e, version);
        }
    }

    Document post() {
        return one(db, ReadModels.POSTS, POST.value());
    }

    @Test
    void publishedPostHasItsPageRenderedAndSummarized() {
        apply(PUBLISHED, 0);
        Document post = post();
        assertThat(post.getString("slug")).isEqualTo("josh-bersin");
        assertThat(post.getString("authorId")).isEqualTo("jon-ingham");
        assertThat(post.getString("bodyHtml")).contains("<h2>Heading</h2>", "<img src=\"images/a.jpg\"");
        assertThat(post.getString("excerpt")).isEqualTo("Heading First words.");
        assertThat(post.getList("tags", String.class)).containsExactly("social learning");
        assertThat(post.getList("relatedLinks", Document.class).get(0).getString("url"))
                .isEqualTo("https://strategic-hcm.example/r");
        assertThat(post.getDate("publishedAt").toInstant()).isEqualTo(T0);
        assertThat(post.getLong("version")).isEqualTo(1);
        assertThat(post.getBoolean("repliesOpen")).isTrue();
    }

    @Test
    void editReplacesTheRevisionAndKeepsTheSlug() {
        apply(PUBLISHED, 0);
        apply(EDITED, 1);
        Document post = post();
        assertThat(post.getString("title")).isEqualTo("Josh Bersin, revised");
        assertThat(post.getString("bodyHtml")).contains("<em>body</em>");
        assertThat(post.getString("slug")).isEqualTo("josh-bersin");
        assertThat(post.getDate("updatedAt").toInstant()).isEqualTo(T0.plusSeconds(60));
        assertThat(post.getDate("publishedAt").toInstant()).isEqualTo(T0);
        assertThat(post.getLong("version")).isEqualTo(2);
    }

    @Test
    void replyPolicyAndUnpublishing() {
        apply(PUBLISHED, 0);
        apply(new RepliesClosed(POST), 1);
        assertThat(post().getBoolean("repliesOpen")).isFalse();
        apply(new RepliesOpened(POST), 2);
        assertThat(post().getBoolean("repliesOpen")).isTrue();
        apply(new PostUnpublished(POST, JON), 3);
        assertThat(post().getBoolean("unpublished")).isTrue();
        assertThat(post().getLong("version")).isEqualTo(4);
    }

    @Test
    void everyEventHandledTwiceGivesTheSameReadModel() {
        List<PostEvent> history = List.of(PUBLISHED, EDITED, new RepliesClosed(POST), new RepliesOpened(POST),
                new PostUnpublished(POST, JON));
        for (int i = 0; i < history.size(); i++) {
            apply(history.get(i), i);
        }
        List<Document> once = all(db, ReadModels.POSTS);
        for (int i = 0; i < history.size(); i++) {
            apply(history.get(i), i); // a replay from the start
            apply(history.get(i), i); // and each event redelivered
        }
        assertThat(all(db, ReadModels.POSTS)).isEqualTo(once);
    }

    @Test
    void lateRedeliveryOfAnOlderEventChangesNothing() {
        apply(PUBLISHED, 0);
        apply(EDITED, 1);
        apply(PUBLISHED, 0);
        assertThat(post().getString("title")).isEqualTo("Josh Bersin, revised");
        assertThat(post().getLong("version")).isEqualTo(2);
    }
}
