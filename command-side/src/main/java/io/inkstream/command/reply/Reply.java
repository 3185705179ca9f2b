package io.inkstream.command.reply;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.AddReplyCommand;
import io.inkstream.api.reply.ApproveReplyCommand;
import io.inkstream.api.reply.EditReplyCommand;
import io.inkstream.api.reply.Moderation;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.api.reply.RejectReplyCommand;
import io.inkstream.api.reply.RemoveReplyCommand;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.api.reply.ReplyApproved;
import io.inkstream.api.reply.ReplyEdited;
import io.inkstream.api.reply.ReplyRejected;
import io.inkstream.api.reply.ReplyRemoved;
import io.inkstream.command.Fields;
import io.inkstream.command.Refusals;
import io.inkstream.command.author.Logins;
import io.inkstream.platform.privacy.CommenterKeys;
import io.inkstream.platform.privacy.Vault;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reply. A reply is its own aggregate rather than part of its post: a popular post takes
 * many replies at the same moment, and as separate event streams they never conflict.
 */
@Aggregate
class Reply {

    private static final Logger log = LoggerFactory.getLogger(Reply.class);

    /**
     * A thread page of the most replies a client may ask for, each at this size with its HTML,
     * stays far below what one MongoDB answer may hold (16 MB a document, 48 MB a message).
     */
    static final int BODY_MAX = 10_000;
    static final int NAME_MAX = 100;

    @AggregateIdentifier
    private ReplyId replyId;
    private PostId postId;
    private ReplyId parentReplyId;
    private String authorLogin;
    private String commenter;
    private boolean pending;
    private boolean rejected;
    private boolean removed;

    Reply() {
    }

    /**
     * What a reply's rules look up in the event store: its post, its parent, itself, the site's
     * rules. Changes nothing. Declared here, beside the rules that ask it.
     */
    interface Lookups {

        /** The post as a reply may know it: empty if there is none, or it is a draft. */
        Optional<PostStatus> post(PostId postId);

        /** Whether the reply was added: an idempotent retry's first answer. */
        boolean exists(ReplyId replyId);

        /** The post a reply was added to: a parent must be in the same one. */
        Optional<PostId> postOf(ReplyId replyId);

        /** The event that added this reply: what it was added with. */
        Optional<ReplyAdded> added(ReplyId replyId);

        /** The site's moderation rules as they stand. */
        ModerationRules rules();

        /** What a reply needs to know of its post; a null {@code moderation} follows the site's mode. */
        record PostStatus(AuthorId authorId, boolean repliesOpen, boolean unpublished, Moderation moderation) {
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    List<String> handle(AddReplyCommand command, Lookups lookups, Logins logins, Holding holding,
            Commenters commenters, Vault vault, CommenterKeys keys) {
        log.debug("Adding reply {} to post {}", command.replyId(), command.postId());
        Lookups.PostStatus post;
        try {
            post = check(command, lookups, logins);
        } catch (Refusal rejected) {
            // A retry with the same Idempotency-Key gets the first answer even if the post has
            // since closed its replies. Looked up only on a rejection: a retry that passes the
            // checks collides with the first reply's event when stored, which answers the same.
            if (lookups.exists(command.replyId())) {
                throw new Refusals.ReplyExists(command.replyId());
            }
            throw rejected;
        }
        Actor actor = command.actor();
        // A logged-in author replies as themself: what they send as a name is not shown.
        String who = commenters.key(actor, command.authorEmail());
        List<String> heldFor = holding.reasons(actor, post, command.body(), command.authorEmail(), who);
        // A commenter's name, email and URL are stored only sealed under their key, erased with it;
        // an author's login is public.
        String owner = who != null ? who : keys.ofName(command.authorName());
        String name = actor.anonymous() ? vault.seal(owner, command.authorName().strip()) : actor.login();
        apply(new ReplyAdded(command.replyId(), command.postId(), command.parentReplyId(), command.body(), name,
                vault.seal(owner, command.authorEmail()), vault.seal(owner, command.authorUrl()),
                actor.anonymous() ? null : actor.login(), heldFor, who));
        return heldFor;
    }

    private static Lookups.PostStatus check(AddReplyCommand command, Lookups lookups, Logins logins) {
        Actor actor = command.actor();
        Fields fields = new Fields().required("body", command.body(), BODY_MAX).markdown("body", command.body());
        if (actor.anonymous()) {
            fields.required("authorName", command.authorName(), NAME_MAX);
            // A reader may not pass for an author of the blog, nor for the blog itself.
            fields.check(command.authorName() == null
                    || !logins.taken(command.authorName().strip().toLowerCase(java.util.Locale.ROOT)),
                    "authorName", "is the login of an author of this blog: log in to reply as them");
        } else {
            fields.optional("authorName", command.authorName(), NAME_MAX);
        }
        fields.email("authorEmail", command.authorEmail())
                .url("authorUrl", command.authorUrl())
                .orThrow();
        Lookups.PostStatus post = lookups.post(command.postId())
                .orElseThrow(() -> Refusals.postNotFound(command.postId()));
        if (post.unpublished()) {
            throw Refusals.postUnpublished(command.postId());
        }
        if (!post.repliesOpen()) {
            throw Refusals.repliesClosed(command.postId());
        }
        if (command.parentReplyId() != null) {
            Optional<PostId> parentPost = lookups.postOf(command.parentReplyId());
            if (parentPost.isEmpty() || !parentPost.get().equals(command.postId())) {
                throw Refusals.parentNotInPost(command.parentReplyId(), command.postId());
            }
        }
        return post;
    }

    /**
     * Shows a held reply. Its commenter is learned once the approval is stored: should the process
     * stop in between, their next reply waits once more, and nothing else is lost.
     */
    @CommandHandler
    ReplyId handle(ApproveReplyCommand command, Lookups lookups, Commenters commenters) {
        requireModerator(command.postId(), command.actor(), lookups);
        apply(new ReplyApproved(replyId, postId, parentReplyId, command.actor().login(), commenter));
        String learned = commenter;
        CurrentUnitOfWork.get().afterCommit(u -> commenters.approve(learned));
        return replyId;
    }

    @CommandHandler
    ReplyId handle(RejectReplyCommand command, Lookups lookups) {
        requireModerator(command.postId(), command.actor(), lookups);
        apply(new ReplyRejected(replyId, postId, command.actor().login()));
        return replyId;
    }

    /** A decision on a held reply: by its post's author or an admin, while it waits. */
    private void requireModerator(PostId path, Actor actor, Lookups lookups) {
        requireIn(path);
        if (!actor.admin() && !isPostAuthor(actor, lookups)) {
            throw Refusals.notTheOwner("Only the post's author or an admin may approve or reject its replies.");
        }
        if (!pending) {
            throw Refusals.notPending(replyId);
        }
    }

    private boolean isPostAuthor(Actor actor, Lookups lookups) {
        return lookups.post(postId).map(p -> actor.mayActAs(p.authorId().value())).orElse(false);
    }

    @CommandHandler
    ReplyId handle(EditReplyCommand command) {
        requireIn(command.postId());
        if (removed || rejected) {
            throw Refusals.replyRemoved(replyId);
        }
        if (!isAuthor(command.actor()) && !command.actor().admin()) {
            throw Refusals.notTheOwner("Only the reply's author or an admin may edit it.");
        }
        new Fields().required("body", command.body(), BODY_MAX).markdown("body", command.body()).orThrow();
        apply(new ReplyEdited(replyId, postId, command.body()));
        return replyId;
    }

    /** Moderation: an admin, the post's author, or the reply's own author. */
    @CommandHandler
    ReplyId handle(RemoveReplyCommand command, Lookups lookups) {
        requireIn(command.postId());
        if (removed || rejected) {
            throw Refusals.replyRemoved(replyId);
        }
        Actor actor = command.actor();
        if (!actor.admin() && !isAuthor(actor) && !isPostAuthor(actor, lookups)) {
            throw Refusals.notTheOwner("Only an admin, the post's author or the reply's author may remove it.");
        }
        // A held reply was never shown: a moderator decides on it, and no placeholder stands for it.
        if (pending) {
            throw Refusals.pending(replyId);
        }
        apply(new ReplyRemoved(replyId, postId, actor.login()));
        return replyId;
    }

    PostId postId() {
        return postId;
    }

    private boolean isAuthor(Actor actor) {
        return authorLogin != null && !actor.anonymous() && authorLogin.equals(actor.login());
    }

    /** A reply addressed under another post's path is not found there. */
    private void requireIn(PostId path) {
        if (!postId.equals(path)) {
            throw Refusals.replyNotFound(replyId);
        }
    }

    @EventSourcingHandler
    void on(ReplyAdded event) {
        replyId = event.replyId();
        postId = event.postId();
        parentReplyId = event.parentReplyId();
        authorLogin = event.authorLogin();
        commenter = event.commenter();
        pending = event.held();
    }

    @EventSourcingHandler
    void on(ReplyApproved event) {
        pending = false;
    }

    @EventSourcingHandler
    void on(ReplyRejected event) {
        pending = false;
        rejected = true;
    }

    @EventSourcingHandler
    void on(ReplyRemoved event) {
        removed = true;
    }
}
