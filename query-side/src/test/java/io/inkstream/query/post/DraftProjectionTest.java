package io.inkstream.query.post;

import static io.inkstream.query.ReadModelTesting.all;
import static io.inkstream.query.ReadModelTesting.one;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.Versions;
import io.inkstream.api.post.DraftDiscarded;
import io.inkstream.api.post.DraftRevised;
import io.inkstream.api.post.PostDrafted;
import io.inkstream.api.post.PostEvent;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostScheduled;
import io.inkstream.api.post.PostUnscheduled;
import io.inkstream.query.ReadModelTesting;
import io.inkstream.query.ReadModels;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class DraftProjectionTest {

    static final PostId POST = new PostId("post-1");
    static final AuthorId JON = new AuthorId("jon-ingham");
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant AT = Instant.parse("2026-12-24T09:00:00Z");
    static final PostDrafted DRAFTED = new PostDrafted(POST, JON, "josh-bersin", "Josh Bersin",
            "## Heading\n\nFirst words.", List.of("social learning"), null, List.of(), null);
    static final DraftRevised REVISED = new DraftRevised(POST, "Josh Bersin, revised", "New *body*", List.of("a"),
            null, List.of());
    static final PostScheduled SCHEDULED = new PostScheduled(POST, AT);
    static final PostUnscheduled UNSCHEDULED = new PostUnscheduled(POST);
    static final PostPublished PUBLISHED = new PostPublished(POST, JON, "josh-bersin", "Josh Bersin, revised",
            "New *body*", List.of("a"), null, List.of());

    final MongoDatabase db = ReadModelTesting.freshDatabase();
    final DraftProjection drafts = new DraftProjection(ReadModelTesting.collections(db));
    final PostProjection posts = PostProjection.into(ReadModelTesting.collections(db));

    /** Both handlers of the post read model, as its processor calls them. */
    void apply(PostEvent event, long sequence) {
        Instant at = T0.plusSeconds(sequence * 60);
        long version = Versions.after(sequence);
        if (event instanceof PostDrafted e) {
            drafts.on(e, version, at);
        } else if (event instanceof DraftRevised e) {
            drafts.on(e, version, at);
        } else if (event instanceof PostScheduled e) {
            drafts.on(e, version, at);
        } else if (event instanceof PostUnscheduled e) {
            drafts.on(e, version, at);
        } else if (event instanceof DraftDiscarded e) {
            drafts.on(e, version);
        } else if (event instanceof PostPublished e) {
            drafts.on(e, version);
            posts.on(e, version, at);
        }
    }

    Document draft() {
        return one(db, ReadModels.DRAFTS, POST.value());
    }

    @Test
    void aDraftIsRenderedAsItsPageWillBeAndNeverReachesThePublicPages() {
        apply(DRAFTED, 0);
        Document draft = draft();
        assertThat(draft.getString("status")).isEqualTo("draft");
        assertThat(draft.getString("slug")).isEqualTo("josh-bersin");
        assertThat(draft.getString("bodyHtml")).startsWith("<h2>Heading</h2>");
        assertThat(draft.get("publishAt")).isNull();
        assertThat(draft.get("version")).isEqualTo(1L);
        assertThat(all(db, ReadModels.POSTS)).isEmpty();

        apply(REVISED, 1);
        apply(SCHEDULED, 2);
        draft = draft();
        assertThat(draft.getString("title")).isEqualTo("Josh Bersin, revised");
        assertThat(draft.getString("bodyHtml")).isEqualTo("<p>New <em>body</em></p>\n");
        assertThat(draft.getString("status")).isEqualTo("scheduled");
        assertThat(draft.getDate("publishAt")).isEqualTo(Date.from(AT));
        assertThat(draft.getDate("updatedAt")).isEqualTo(Date.from(T0.plusSeconds(120)));

        apply(UNSCHEDULED, 3);
        assertThat(draft().getString("status")).isEqualTo("draft");
        assertThat(draft().get("publishAt")).isNull();
        assertThat(all(db, ReadModels.POSTS)).isEmpty();
    }

    @Test
    void publishingClosesTheDraftAndOpensThePage() {
        apply(DRAFTED, 0);
        apply(REVISED, 1);
        apply(PUBLISHED, 2);
        assertThat(draft().getBoolean(DraftProjection.CLOSED)).isTrue();
        assertThat(draft().containsKey("bodyHtml")).isFalse();
        Document page = one(db, ReadModels.POSTS, POST.value());
        assertThat(page.getString("slug")).isEqualTo("josh-bersin");
        assertThat(page.get("version")).isEqualTo(3L);
    }

    @Test
    void everyEventAppliedTwiceGivesTheSameDocuments() {
        List<PostEvent> history = List.of(DRAFTED, REVISED, SCHEDULED, UNSCHEDULED, PUBLISHED);
        for (int i = 0; i < history.size(); i++) {
            apply(history.get(i), i);
        }
        List<Document> once = all(db, ReadModels.DRAFTS);
        List<Document> pages = all(db, ReadModels.POSTS);
        for (int i = 0; i < history.size(); i++) {
            apply(history.get(i), i);
        }
        assertThat(all(db, ReadModels.DRAFTS)).isEqualTo(once);
        assertThat(all(db, ReadModels.POSTS)).isEqualTo(pages);
    }

    /** A redelivery of the first event after the draft was published must not bring it back. */
    @Test
    void aLateRedeliveryDoesNotReviveAPublishedOrDiscardedDraft() {
        apply(DRAFTED, 0);
        apply(PUBLISHED, 1);
        apply(DRAFTED, 0);
        apply(REVISED, 1);
        assertThat(draft().getBoolean(DraftProjection.CLOSED)).isTrue();
        assertThat(draft().get("version")).isEqualTo(2L);

        PostId other = new PostId("post-2");
        drafts.on(new PostDrafted(other, JON, "second", "Second", "Body", List.of(), null, List.of(), AT), 1, T0);
        drafts.on(new DraftDiscarded(other), 2);
        drafts.on(new PostDrafted(other, JON, "second", "Second", "Body", List.of(), null, List.of(), AT), 1, T0);
        assertThat(one(db, ReadModels.DRAFTS, other.value()).getBoolean(DraftProjection.CLOSED)).isTrue();
    }

    /** A post published at once was never a draft: publishing it leaves no trace among drafts. */
    @Test
    void aPostPublishedAtOnceLeavesNoDraft() {
        apply(new PostPublished(POST, JON, "at-once", "At once", "Body", List.of(), null, List.of()), 0);
        assertThat(all(db, ReadModels.DRAFTS)).isEmpty();
        assertThat(one(db, ReadModels.POSTS, POST.value())).isNotNull();
    }
}
