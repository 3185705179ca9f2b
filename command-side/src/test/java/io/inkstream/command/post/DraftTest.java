package io.inkstream.command.post;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.post.CloseRepliesCommand;
import io.inkstream.api.post.Content;
import io.inkstream.api.post.DraftDiscarded;
import io.inkstream.api.post.DraftPostCommand;
import io.inkstream.api.post.DraftRevised;
import io.inkstream.api.post.EditPostCommand;
import io.inkstream.api.post.PostDrafted;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostScheduled;
import io.inkstream.api.post.PostUnscheduled;
import io.inkstream.api.post.PublishDraftCommand;
import io.inkstream.api.post.PublishPostResult;
import io.inkstream.api.post.ReschedulePostCommand;
import io.inkstream.api.post.UnpublishPostCommand;
import io.inkstream.command.Refused;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A post before it is published: drafts and scheduled posts, through the events they store. */
class DraftTest {

    static final PostId POST = new PostId("p-1");
    static final AuthorId JON = new AuthorId("jon-ingham");
    static final Actor JON_HIMSELF = new Actor("jon-ingham", false);
    static final Actor MALLORY = new Actor("mallory", false);
    static final Actor SYSTEM = new Actor("system", true);

    AggregateTestFixture<Post> fixture;
    Instant now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Post.class);
        fixture.registerInjectableResource((Authors) id -> id.equals(JON));
        fixture.registerInjectableResource((Slugs) (base, postId) -> base);
        // Times as a client would send them; one finer than a millisecond has its own test.
        now = fixture.currentTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    PostDrafted drafted(Instant publishAt) {
        return new PostDrafted(POST, JON, "first-thoughts", "First thoughts", "Draft body", List.of("learning"),
                null, List.of(), publishAt);
    }

    DraftPostCommand draft(Instant publishAt, Actor actor) {
        return new DraftPostCommand(POST, JON, new Content("First thoughts", "Draft body", List.of("learning"), null,
                List.of()), publishAt, actor);
    }

    @Test
    void aDraftTakesItsSlugAndPublishesNothing() {
        fixture.givenNoPriorActivity()
                .when(draft(null, JON_HIMSELF))
                .expectEvents(drafted(null))
                .expectResultMessagePayload(new PublishPostResult(POST, "first-thoughts", 1));
    }

    @Test
    void aScheduledPostNeedsAFutureTime() {
        fixture.givenNoPriorActivity()
                .when(draft(now.minusSeconds(1), JON_HIMSELF))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectNoEvents();
        Instant later = now.plus(Duration.ofHours(1));
        fixture.givenNoPriorActivity().when(draft(later, JON_HIMSELF)).expectEvents(drafted(later));
        // Past the dates every store and reader can hold: a time the read models could not write.
        fixture.givenNoPriorActivity()
                .when(draft(Instant.parse("+1000000000-01-01T00:00:00Z"), JON_HIMSELF))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectNoEvents();
        fixture.given(drafted(null))
                .when(new ReschedulePostCommand(POST, Post.LAST_TIME, JON_HIMSELF))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectNoEvents();
    }

    /**
     * A time is kept to the millisecond, as the scheduler's store keeps it: the scheduler's
     * command names it so, and publishes a post scheduled with a finer one.
     */
    @Test
    void aTimeIsKeptToTheMillisecondSoTheSchedulerFindsItDue() {
        Instant fine = now.plus(Duration.ofHours(1)).plusNanos(123_456_789);
        Instant millis = fine.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        fixture.givenNoPriorActivity().when(draft(fine, JON_HIMSELF)).expectEvents(drafted(millis));
        fixture.given(drafted(null)).when(new ReschedulePostCommand(POST, fine, JON_HIMSELF))
                .expectEvents(new PostScheduled(POST, millis));
        // An event stored with a finer time still matches the scheduler's.
        fixture.given(drafted(fine)).when(new PublishDraftCommand(POST, millis, SYSTEM))
                .expectEvents(new PostPublished(POST, JON, "first-thoughts", "First thoughts", "Draft body",
                        List.of("learning"), null, List.of()));
    }

    @Test
    void onlyItsAuthorWritesADraft() {
        fixture.givenNoPriorActivity()
                .when(draft(null, MALLORY))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                .expectNoEvents();
    }

    @Test
    void aRevisedDraftIsPublishedAsItStandsThenWithItsSlug() {
        fixture.given(drafted(null), new DraftRevised(POST, "Second thoughts", "Better body", List.of("hr"), null,
                        List.of()))
                .when(new PublishDraftCommand(POST, null, JON_HIMSELF))
                .expectEvents(new PostPublished(POST, JON, "first-thoughts", "Second thoughts", "Better body",
                        List.of("hr"), null, List.of()))
                .expectResultMessagePayload(3L);
    }

    @Test
    void editingADraftRevisesItWithoutPublishingIt() {
        fixture.given(drafted(null))
                .when(new EditPostCommand(POST, null, new Content("Second thoughts", "Better body", List.of("hr"),
                        null, List.of()), 1L, JON_HIMSELF))
                .expectEvents(new DraftRevised(POST, "Second thoughts", "Better body", List.of("hr"), null, List.of()));
    }

    @Test
    void aPublishedPostIsNotPublishedTwice() {
        fixture.given(drafted(null), new PostPublished(POST, JON, "first-thoughts", "First thoughts", "Draft body",
                        List.of("learning"), null, List.of()))
                .when(new PublishDraftCommand(POST, null, JON_HIMSELF))
                .expectException(Refused.by(Refusal.Conflict.class, "already-published"))
                .expectNoEvents();
    }

    @Test
    void theSchedulerPublishesOnlyWhatIsStillScheduledForThatTime() {
        Instant at = now.plus(Duration.ofMinutes(5));
        Instant moved = now.plus(Duration.ofMinutes(30));
        fixture.given(drafted(at))
                .when(new PublishDraftCommand(POST, at, SYSTEM))
                .expectEvents(new PostPublished(POST, JON, "first-thoughts", "First thoughts", "Draft body",
                        List.of("learning"), null, List.of()));
        fixture.given(drafted(at), new PostScheduled(POST, moved))
                .when(new PublishDraftCommand(POST, at, SYSTEM))
                .expectException(Refused.by(Refusal.Conflict.class, "not-scheduled-then"))
                .expectNoEvents();
        fixture.given(drafted(at), new PostUnscheduled(POST))
                .when(new PublishDraftCommand(POST, at, SYSTEM))
                .expectException(Refused.by(Refusal.Conflict.class, "not-scheduled-then"))
                .expectNoEvents();
    }

    @Test
    void reschedulingMovesTheTimeOrMakesItADraftAgain() {
        Instant at = now.plus(Duration.ofMinutes(5));
        Instant moved = now.plus(Duration.ofMinutes(30));
        fixture.given(drafted(at)).when(new ReschedulePostCommand(POST, moved, JON_HIMSELF))
                .expectEvents(new PostScheduled(POST, moved));
        fixture.given(drafted(at)).when(new ReschedulePostCommand(POST, null, JON_HIMSELF))
                .expectEvents(new PostUnscheduled(POST));
        fixture.given(drafted(null)).when(new ReschedulePostCommand(POST, null, JON_HIMSELF))
                .expectNoEvents().expectResultMessagePayload(1L);
        fixture.given(drafted(null)).when(new ReschedulePostCommand(POST, now.minusSeconds(5), JON_HIMSELF))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"));
    }

    @Test
    void aPublishedPostCannotBeScheduled() {
        fixture.given(drafted(null), new PostPublished(POST, JON, "first-thoughts", "First thoughts", "Draft body",
                        List.of("learning"), null, List.of()))
                .when(new ReschedulePostCommand(POST, now.plus(Duration.ofHours(1)), JON_HIMSELF))
                .expectException(Refused.by(Refusal.Conflict.class, "already-published"))
                .expectNoEvents();
    }

    @Test
    void deletingADraftDiscardsItAndItIsGoneForEveryCommand() {
        fixture.given(drafted(null))
                .when(new UnpublishPostCommand(POST, JON_HIMSELF))
                .expectEvents(new DraftDiscarded(POST));
        fixture.given(drafted(null), new DraftDiscarded(POST))
                .when(new PublishDraftCommand(POST, null, JON_HIMSELF))
                .expectException(Refused.by(Refusal.NotFound.class, "post-not-found"))
                .expectNoEvents();
    }

    @Test
    void aDraftHasNoRepliesToClose() {
        fixture.given(drafted(null))
                .when(new CloseRepliesCommand(POST, JON_HIMSELF))
                .expectException(Refused.by(Refusal.Conflict.class, "not-published"))
                .expectNoEvents();
    }

    /** Replies ask whether the post is public: a draft is not, so a reply to it finds no post. */
    @Test
    void aDraftIsNotPublic() {
        fixture.given(drafted(null))
                .when(new ReschedulePostCommand(POST, null, JON_HIMSELF))
                .expectState(post -> {
                    if (post.isPublic()) {
                        throw new AssertionError("a draft told replies it exists");
                    }
                });
    }
}
