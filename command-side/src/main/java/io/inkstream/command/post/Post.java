package io.inkstream.command.post;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.Version;
import io.inkstream.api.post.CloseRepliesCommand;
import io.inkstream.api.post.EditPostCommand;
import io.inkstream.api.post.OpenRepliesCommand;
import io.inkstream.api.post.PostEdited;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostUnpublished;
import io.inkstream.api.post.PublishPostCommand;
import io.inkstream.api.post.PublishPostResult;
import io.inkstream.api.post.RepliesClosed;
import io.inkstream.api.post.RepliesOpened;
import io.inkstream.api.post.UnpublishPostCommand;
import io.inkstream.command.Refusals;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;


/**
 * A post's write model: who owns it, whether it takes replies, whether it is still published,
 * and its version (the number of its events), which {@code If-Match} is checked against.
 * Replies are aggregates of their own, so that many readers replying at once never conflict
 * on the post.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
class Post {

    @AggregateIdentifier
    private PostId postId;
    private AuthorId authorId;
    private boolean repliesOpen;
    private boolean unpublished;
    private long version;

    Post() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    PublishPostResult handle(PublishPostCommand command, Authors authors, Slugs slugs) {
        String owner = command.authorId() == null ? null : command.authorId().value();
        if (!command.actor().mayActAs(owner)) {
            throw Refusals.notTheOwner("An author publishes only under its own id.");
        }
        PostFields.check(command.title(), command.bodyMarkdown(), command.tags(), command.canonicalUrl(),
                command.relatedLinks());
        if (!authors.exists(command.authorId())) {
            throw Refusals.authorNotFound(command.authorId());
        }
        String slug = slugs.claim(Slugs.derive(command.title()), command.postId());
        apply(new PostPublished(command.postId(), command.authorId(), slug, command.title().strip(),
                command.bodyMarkdown(), PostFields.tags(command.tags()), command.canonicalUrl(),
                PostFields.links(command.relatedLinks())));
        return new PublishPostResult(postId, slug, version);
    }

    @CommandHandler
    long handle(EditPostCommand command) {
        requireChangeableBy(command.actor());
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new Refusal.Stale("post", command.expectedVersion(), version);
        }
        PostFields.check(command.title(), command.bodyMarkdown(), command.tags(), command.canonicalUrl(),
                command.relatedLinks());
        apply(new PostEdited(postId, command.title().strip(), command.bodyMarkdown(),
                PostFields.tags(command.tags()), command.canonicalUrl(), PostFields.links(command.relatedLinks())));
        return version;
    }

    /** Opening replies that are open already changes nothing and stores nothing. */
    @CommandHandler
    long handle(OpenRepliesCommand command) {
        requireChangeableBy(command.actor());
        if (!repliesOpen) {
            apply(new RepliesOpened(postId));
        }
        return version;
    }

    @CommandHandler
    long handle(CloseRepliesCommand command) {
        requireChangeableBy(command.actor());
        if (repliesOpen) {
            apply(new RepliesClosed(postId));
        }
        return version;
    }

    @CommandHandler
    long handle(UnpublishPostCommand command) {
        requireChangeableBy(command.actor());
        apply(new PostUnpublished(postId, authorId));
        return version;
    }

    /** The number of the post's events, which is also the sequence number its next event gets. */
    long version() {
        return version;
    }

    Posts.Status status() {
        return new Posts.Status(authorId, repliesOpen, unpublished);
    }

    private void requireChangeableBy(Actor actor) {
        if (unpublished) {
            throw Refusals.postUnpublished(postId);
        }
        if (!actor.mayActAs(authorId.value())) {
            throw Refusals.notTheOwner("Only the post's author or an admin may change it.");
        }
    }

    @EventSourcingHandler
    void on(PostPublished event, @Version long version) {
        postId = event.postId();
        authorId = event.authorId();
        repliesOpen = true;
        this.version = version;
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
    void on(PostUnpublished event, @Version long version) {
        unpublished = true;
        this.version = version;
    }

}
