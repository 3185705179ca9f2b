package io.inkstream.command.post;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.post.CloseRepliesCommand;
import io.inkstream.api.post.Content;
import io.inkstream.api.post.EditPostCommand;
import io.inkstream.api.post.ModeratePostCommand;
import io.inkstream.api.post.ModerationSet;
import io.inkstream.api.post.OpenRepliesCommand;
import io.inkstream.api.post.PostEdited;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostUnpublished;
import io.inkstream.api.post.PublishPostCommand;
import io.inkstream.api.post.PublishPostResult;
import io.inkstream.api.post.RepliesClosed;
import io.inkstream.api.post.RepliesOpened;
import io.inkstream.api.post.UnpublishPostCommand;
import io.inkstream.api.reply.Moderation;
import io.inkstream.command.Refused;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostTest {

    private static final PostId POST = new PostId("p-1");
    private static final AuthorId JON = new AuthorId("jon-ingham");
    private static final Actor JON_HIMSELF = new Actor("jon-ingham", false);
    private static final Actor MALLORY = new Actor("mallory", false);
    private static final Actor ADMIN = new Actor("admin", true);
    private static final List<Link> RELATED = List.of(new Link("Social learning", "https://example.org/social"));
    private static final PostPublished PUBLISHED = new PostPublished(POST, JON, "josh-bersin", "Josh Bersin",
            "# Body", List.of("learning"), "https://example.org/josh", RELATED);

    private final Map<String, String> slugs = new HashMap<>();
    private final Set<String> authors = new java.util.HashSet<>(Set.of("jon-ingham"));
    private AggregateTestFixture<Post> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Post.class);
        fixture.registerInjectableResource((Authors) id -> authors.contains(id.value()));
        fixture.registerInjectableResource((Slugs) (base, postId) -> {
            for (int n = 1; ; n++) {
                String slug = n == 1 ? base : base + "-" + n;
                String holder = slugs.putIfAbsent(slug, postId.value());
                if (holder == null || holder.equals(postId.value())) {
                    return slug;
                }
            }
        });
    }

    private static PublishPostCommand publish(String title, Actor actor) {
        return new PublishPostCommand(POST, JON, new Content(title, "# Body", List.of(" learning ", "learning"),
                "https://example.org/josh", RELATED), actor);
    }

    private static EditPostCommand edit(Long expectedVersion, Actor actor) {
        return new EditPostCommand(POST, null, new Content("Josh Bersin, revised", "Body 2", List.of("learning"),
                null, List.of()), expectedVersion, actor);
    }

    @Test
    void authorPublishesWithASlugFromTheTitle() {
        fixture.givenNoPriorActivity()
                .when(publish("Josh Bersin", JON_HIMSELF))
                .expectEvents(PUBLISHED)
                .expectResultMessagePayload(new PublishPostResult(POST, "josh-bersin", 1));
    }

    @Test
    void aTakenSlugGetsANumber() {
        slugs.put("josh-bersin", "another-post");
        fixture.givenNoPriorActivity()
                .when(publish("Josh Bersin", JON_HIMSELF))
                .expectResultMessagePayload(new PublishPostResult(POST, "josh-bersin-2", 1));
    }

    @Test
    void nobodyPublishesUnderAnotherAuthorsId() {
        fixture.givenNoPriorActivity()
                .when(publish("Josh Bersin", MALLORY))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                .expectNoEvents();
    }

    @Test
    void aRevisionKeepsThePostsAuthor() {
        fixture.given(PUBLISHED)
                .when(new EditPostCommand(POST, new AuthorId("mallory"), new Content("Taken over", "Body 2",
                        List.of(), null, List.of()), null, ADMIN))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectExceptionMessage("Field 'authorId' is 'jon-ingham' on this post: a post keeps its author.")
                .expectNoEvents();
        fixture.given(PUBLISHED)
                .when(new EditPostCommand(POST, JON, new Content("Same author", "Body 2", List.of(), null,
                        List.of()), null, JON_HIMSELF))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void publishingForAnUnknownAuthorIsRejected() {
        authors.clear();
        fixture.givenNoPriorActivity()
                .when(publish("Josh Bersin", ADMIN))
                .expectException(Refused.by(Refusal.NotFound.class, "author-not-found"))
                .expectNoEvents();
    }

    @Test
    void invalidFieldsAreRejectedTogether() {
        fixture.givenNoPriorActivity()
                .when(new PublishPostCommand(POST, JON, new Content("", null, List.of(""), "javascript:alert(1)",
                        List.of(new Link("x", "ftp://example.org"))), JON_HIMSELF))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectExceptionMessage("5 fields are invalid.")
                .expectNoEvents();
    }

    @Test
    void bodyNestedDeeperThanMarkdownRendersIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new PublishPostCommand(POST, JON, new Content("Deep", "- ".repeat(3_000) + "x", List.of(),
                        null, List.of()), JON_HIMSELF))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectNoEvents();
    }

    @Test
    void titleOver300CharactersIsRejected() {
        fixture.givenNoPriorActivity()
                .when(publish("t".repeat(301), JON_HIMSELF))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectNoEvents();
    }

    @Test
    void moreThanTwentyTagsAreRejected() {
        List<String> tags = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "tag" + i).toList();
        fixture.givenNoPriorActivity()
                .when(new PublishPostCommand(POST, JON, new Content("Tagged", "Body", tags, null, List.of()),
                        JON_HIMSELF))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectExceptionMessage("Field 'tags' must be at most 20 tags.")
                .expectNoEvents();
    }

    @Test
    void editMakesANewRevision() {
        fixture.given(PUBLISHED)
                .when(edit(null, JON_HIMSELF))
                .expectEvents(new PostEdited(POST, "Josh Bersin, revised", "Body 2", List.of("learning"), null,
                        List.of()))
                .expectResultMessagePayload(2L);
    }

    @Test
    void editAtTheCurrentVersionSucceeds() {
        fixture.given(PUBLISHED, new RepliesClosed(POST))
                .when(edit(2L, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(3L);
    }

    @Test
    void editAtAStaleVersionIsRejected() {
        fixture.given(PUBLISHED, new RepliesClosed(POST))
                .when(edit(1L, JON_HIMSELF))
                .expectException(Refused.by(Refusal.Stale.class, "stale-version"))
                .expectNoEvents();
    }

    @Test
    void anotherAuthorMayNotEdit() {
        fixture.given(PUBLISHED)
                .when(edit(null, MALLORY))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                .expectNoEvents();
    }

    @Test
    void anUnpublishedPostIsGoneForEdits() {
        fixture.given(PUBLISHED, new PostUnpublished(POST, JON))
                .when(edit(null, JON_HIMSELF))
                .expectException(Refused.by(Refusal.Gone.class, "post-unpublished"))
                .expectNoEvents();
    }

    @Test
    void closingAndOpeningReplies() {
        fixture.given(PUBLISHED)
                .when(new CloseRepliesCommand(POST, JON_HIMSELF))
                .expectEvents(new RepliesClosed(POST))
                .expectResultMessagePayload(2L);
        fixture.given(PUBLISHED, new RepliesClosed(POST))
                .when(new OpenRepliesCommand(POST, ADMIN))
                .expectEvents(new RepliesOpened(POST))
                .expectResultMessagePayload(3L);
    }

    @Test
    void openingOpenRepliesStoresNothing() {
        fixture.given(PUBLISHED)
                .when(new OpenRepliesCommand(POST, JON_HIMSELF))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void itsAuthorSetsHowAPostsRepliesAreModeratedAndNullFollowsTheSite() {
        fixture.given(PUBLISHED)
                .when(new ModeratePostCommand(POST, Moderation.ALL, JON_HIMSELF))
                .expectEvents(new ModerationSet(POST, Moderation.ALL))
                .expectResultMessagePayload(2L);
        fixture.given(PUBLISHED, new ModerationSet(POST, Moderation.ALL))
                .when(new ModeratePostCommand(POST, Moderation.ALL, ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
        fixture.given(PUBLISHED, new ModerationSet(POST, Moderation.ALL))
                .when(new ModeratePostCommand(POST, null, JON_HIMSELF))
                .expectEvents(new ModerationSet(POST, null));
        fixture.given(PUBLISHED)
                .when(new ModeratePostCommand(POST, Moderation.FIRST_TIME, MALLORY))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                .expectNoEvents();
    }

    @Test
    void anotherAuthorMayNotCloseReplies() {
        fixture.given(PUBLISHED)
                .when(new CloseRepliesCommand(POST, MALLORY))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"));
    }

    @Test
    void unpublishKeepsHistoryAndHappensOnce() {
        fixture.given(PUBLISHED)
                .when(new UnpublishPostCommand(POST, JON_HIMSELF))
                .expectEvents(new PostUnpublished(POST, JON));
        fixture.given(PUBLISHED, new PostUnpublished(POST, JON))
                .when(new UnpublishPostCommand(POST, JON_HIMSELF))
                .expectException(Refused.by(Refusal.Gone.class, "post-unpublished"));
    }

    @Test
    void anonymousMayNotUnpublish() {
        fixture.given(PUBLISHED)
                .when(new UnpublishPostCommand(POST, Actor.ANONYMOUS))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"));
    }
}
