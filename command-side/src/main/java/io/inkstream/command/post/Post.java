package io.inkstream.command.post;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.Version;
import io.inkstream.api.post.CloseRepliesCommand;
import io.inkstream.api.post.Content;
import io.inkstream.api.post.DraftDiscarded;
import io.inkstream.api.post.DraftPostCommand;
import io.inkstream.api.post.DraftRevised;
import io.inkstream.api.post.EditPostCommand;
import io.inkstream.api.post.ModeratePostCommand;
import io.inkstream.api.post.ModerationSet;
import io.inkstream.api.post.OpenRepliesCommand;
import io.inkstream.api.post.PostDrafted;
import io.inkstream.api.post.PostEdited;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostScheduled;
import io.inkstream.api.post.PostUnpublished;
import io.inkstream.api.post.PostUnscheduled;
import io.inkstream.api.post.PublishDraftCommand;
import io.inkstream.api.post.PublishPostCommand;
import io.inkstream.api.post.PublishPostResult;
import io.inkstream.api.post.RepliesClosed;
import io.inkstream.api.post.RepliesOpened;
import io.inkstream.api.post.ReschedulePostCommand;
import io.inkstream.api.post.UnpublishPostCommand;
import io.inkstream.api.reply.Moderation;
import io.inkstream.command.Refusals;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;


/**
 * A post's write model: who owns it, whether it takes replies, whether it is still published,
 * and its version (the number of its events), which {@code If-Match} is checked against. Before
 * it is published it is a draft (scheduled, with {@code publishAt}), and keeps its content: a
 * draft is published as a {@link PostPublished} of what it holds then.
 * Replies are aggregates of their own, so that many readers replying at once never conflict
 * on the post.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Post {

    @AggregateIdentifier
    private PostId postId;
    private AuthorId authorId;
    private boolean repliesOpen;
    private boolean unpublished;
    private long version;
    /** A draft's content, kept until it is published; null once it is (and for posts published at once). */
    private PostDrafted draft;
    private boolean discarded;
    /** Null: the site's mode. */
    private Moderation moderation;

    Post() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    PublishPostResult handle(PublishPostCommand command, Authors authors, Slugs slugs) {
        String slug = admit(command.postId(), command.authorId(), command.actor(), command.content(), authors, slugs);
        Content content = PostFields.tidy(command.content());
        apply(new PostPublished(command.postId(), command.authorId(), slug, content.title(), content.bodyMarkdown(),
                content.tags(), content.canonicalUrl(), content.relatedLinks()));
        return new PublishPostResult(postId, slug, version);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    PublishPostResult handle(DraftPostCommand command, Authors authors, Slugs slugs) {
        requireFuture(command.publishAt());
        String slug = admit(command.postId(), command.authorId(), command.actor(), command.content(), authors, slugs);
        Content content = PostFields.tidy(command.content());
        apply(new PostDrafted(command.postId(), command.authorId(), slug, content.title(), content.bodyMarkdown(),
                content.tags(), content.canonicalUrl(), content.relatedLinks(), toMillis(command.publishAt())));
        return new PublishPostResult(postId, slug, version);
    }

    /** What a new post passes, published at once or not: its author, its fields; then the slug it takes. */
    private static String admit(PostId postId, AuthorId authorId, Actor actor, Content content, Authors authors,
            Slugs slugs) {
        if (!actor.mayActAs(authorId == null ? null : authorId.value())) {
            throw Refusals.notTheOwner("An author writes only under its own id.");
        }
        PostFields.check(content);
        if (!authors.exists(authorId)) {
            throw Refusals.authorNotFound(authorId);
        }
        return slugs.claim(Slugs.derive(content.title()), postId);
    }

    /**
     * Publishes what the draft holds. The scheduler's command names the time it found due: a
     * post published early, made a draft again or moved meanwhile does not publish then.
     */
    @CommandHandler
    long handle(PublishDraftCommand command) {
        requireChangeableBy(command.actor());
        if (draft == null) {
            throw Refusals.alreadyPublished(postId);
        }
        if (command.scheduledFor() != null && !toMillis(command.scheduledFor()).equals(toMillis(draft.publishAt()))) {
            throw Refusals.notScheduledFor(postId, command.scheduledFor());
        }
        apply(new PostPublished(postId, authorId, draft.slug(), draft.title(), draft.bodyMarkdown(), draft.tags(),
                draft.canonicalUrl(), draft.relatedLinks()));
        return version;
    }

    /** A new time for a post not yet published; null makes it a draft again (stored only if it was scheduled). */
    @CommandHandler
    long handle(ReschedulePostCommand command) {
        requireChangeableBy(command.actor());
        if (draft == null) {
            throw Refusals.alreadyPublished(postId);
        }
        if (command.publishAt() == null) {
            if (draft.publishAt() != null) {
                apply(new PostUnscheduled(postId));
            }
            return version;
        }
        requireFuture(command.publishAt());
        apply(new PostScheduled(postId, toMillis(command.publishAt())));
        return version;
    }

    @CommandHandler
    long handle(EditPostCommand command) {
        requireChangeableBy(command.actor());
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new Refusal.Stale("post", command.expectedVersion(), version);
        }
        if (command.authorId() != null && !command.authorId().equals(authorId)) {
            throw Refusal.Invalid.field("authorId", "is '" + authorId + "' on this post: a post keeps its author");
        }
        PostFields.check(command.content());
        Content content = PostFields.tidy(command.content());
        if (draft != null) {
            apply(new DraftRevised(postId, content.title(), content.bodyMarkdown(), content.tags(),
                    content.canonicalUrl(), content.relatedLinks()));
        } else {
            apply(new PostEdited(postId, content.title(), content.bodyMarkdown(), content.tags(),
                    content.canonicalUrl(), content.relatedLinks()));
        }
        return version;
    }

    /** Opening replies that are open already changes nothing and stores nothing. */
    @CommandHandler
    long handle(OpenRepliesCommand command) {
        requireChangeableBy(command.actor());
        requirePublished();
        if (!repliesOpen) {
            apply(new RepliesOpened(postId));
        }
        return version;
    }

    @CommandHandler
    long handle(CloseRepliesCommand command) {
        requireChangeableBy(command.actor());
        requirePublished();
        if (repliesOpen) {
            apply(new RepliesClosed(postId));
        }
        return version;
    }

    /** Setting the mode in force changes nothing and stores nothing. Like its replies, it comes with publishing. */
    @CommandHandler
    long handle(ModeratePostCommand command) {
        requireChangeableBy(command.actor());
        requirePublished();
        if (command.moderation() != moderation) {
            apply(new ModerationSet(postId, command.moderation()));
        }
        return version;
    }

    @CommandHandler
    long handle(UnpublishPostCommand command) {
        requireChangeableBy(command.actor());
        apply(draft != null ? new DraftDiscarded(postId) : new PostUnpublished(postId, authorId));
        return version;
    }

    /** The number of the post's events, which is also the sequence number its next event gets. */
    public long version() {
        return version;
    }

    /** Whether readers may know it: a draft, even a discarded one, is nobody's business but its author's. */
    public boolean isPublic() {
        return draft == null && !discarded;
    }

    public AuthorId authorId() {
        return authorId;
    }

    public boolean repliesOpen() {
        return repliesOpen;
    }

    /** How its new replies are moderated; null: as the site's mode says. */
    public Moderation moderation() {
        return moderation;
    }

    public boolean unpublished() {
        return unpublished;
    }

    /** Replies open with the post: a draft has none to open or close. */
    private void requirePublished() {
        if (draft != null) {
            throw Refusals.notPublished(postId);
        }
    }

    /** The end of the four-digit years: ISO-8601 and JSON dates everywhere stop there. */
    static final Instant LAST_TIME = Instant.parse("+10000-01-01T00:00:00Z");

    /**
     * A time as the scheduler keeps it: to the millisecond, as MongoDB stores dates. Its command
     * names the time it found due, and must match the one stored here.
     */
    private static Instant toMillis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static void requireFuture(Instant publishAt) {
        if (publishAt != null && !publishAt.isAfter(GenericEventMessage.clock.instant())) {
            throw Refusal.Invalid.field("publishAt", "must be in the future");
        }
        // A date MongoDB and every reader can hold: a later one broke the read models' writes.
        if (publishAt != null && !publishAt.isBefore(LAST_TIME)) {
            throw Refusal.Invalid.field("publishAt", "must be before the year 10000");
        }
    }

    private void requireChangeableBy(Actor actor) {
        if (discarded) {
            throw Refusals.postNotFound(postId);
        }
        if (unpublished) {
            throw Refusals.postUnpublished(postId);
        }
        if (!actor.mayActAs(authorId.value())) {
            throw Refusals.notTheOwner("Only the post's author or an admin may change it.");
        }
    }

    @EventSourcingHandler
    void on(PostPublished event, @Version long version) {
        written(event.postId(), event.authorId(), null, version);
    }

    @EventSourcingHandler
    void on(PostDrafted event, @Version long version) {
        written(event.postId(), event.authorId(), event, version);
    }

    /** Written whole, taking replies: published, or a {@code draft} still. */
    private void written(PostId id, AuthorId author, PostDrafted draft, long version) {
        postId = id;
        authorId = author;
        repliesOpen = true;
        this.draft = draft;
        this.version = version;
    }

    @EventSourcingHandler
    void on(DraftRevised event, @Version long version) {
        draft = new PostDrafted(postId, authorId, draft.slug(), event.title(), event.bodyMarkdown(), event.tags(),
                event.canonicalUrl(), event.relatedLinks(), draft.publishAt());
        this.version = version;
    }

    @EventSourcingHandler
    void on(PostScheduled event, @Version long version) {
        draft = scheduledAt(event.publishAt());
        this.version = version;
    }

    @EventSourcingHandler
    void on(PostUnscheduled event, @Version long version) {
        draft = scheduledAt(null);
        this.version = version;
    }

    @EventSourcingHandler
    void on(DraftDiscarded event, @Version long version) {
        discarded = true;
        this.version = version;
    }

    private PostDrafted scheduledAt(Instant publishAt) {
        return new PostDrafted(postId, authorId, draft.slug(), draft.title(), draft.bodyMarkdown(), draft.tags(),
                draft.canonicalUrl(), draft.relatedLinks(), publishAt);
    }

    @EventSourcingHandler
    void on(PostEdited event, @Version long version) {
        this.version = version;
    }

    @EventSourcingHandler
    void on(RepliesOpened event, @Version long version) {
        repliesOpen = true;
        this.version = version;
    }

    @EventSourcingHandler
    void on(RepliesClosed event, @Version long version) {
        repliesOpen = false;
        this.version = version;
    }

    @EventSourcingHandler
    void on(ModerationSet event, @Version long version) {
        moderation = event.moderation();
        this.version = version;
    }

    @EventSourcingHandler
    void on(PostUnpublished event, @Version long version) {
        unpublished = true;
        this.version = version;
    }
}
