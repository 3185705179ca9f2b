package io.inkstream.command;

import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.ReplyId;
import java.time.Instant;

/** The command side's refusals, each rule named and worded once. */
public final class Refusals {

    private Refusals() {
    }

    public static Refusal postNotFound(PostId post) {
        return new Refusal.NotFound("post-not-found", "post", post.value(), "No post '" + post + "'.");
    }

    public static Refusal postUnpublished(PostId post) {
        return new Refusal.Gone("post-unpublished", "post", post.value(), "The post '" + post + "' is unpublished.");
    }

    public static Refusal alreadyPublished(PostId post) {
        return new Refusal.Conflict("already-published", "The post '" + post + "' is published already.");
    }

    public static Refusal notPublished(PostId post) {
        return new Refusal.Conflict("not-published", "The post '" + post + "' is not published yet.");
    }

    public static Refusal notScheduledFor(PostId post, Instant at) {
        return new Refusal.Conflict("not-scheduled-then", "The post '" + post + "' is not scheduled for " + at + ".");
    }

    public static Refusal repliesClosed(PostId post) {
        return new Refusal.Conflict("replies-closed", "The post '" + post + "' takes no more replies.");
    }

    public static Refusal authorNotFound(AuthorId author) {
        return new Refusal.NotFound("author-not-found", "author", author.value(),
                "No author '" + author + "' is registered.");
    }

    public static Refusal authorIdTaken(AuthorId author) {
        return new Refusal.Conflict("author-id-taken", "The author id '" + author + "' is taken.");
    }

    public static Refusal replyNotFound(ReplyId reply) {
        return new Refusal.NotFound("reply-not-found", "reply", reply.value(),
                "No reply '" + reply + "' under this post.");
    }

    public static Refusal replyRemoved(ReplyId reply) {
        return new Refusal.Gone("reply-removed", "reply", reply.value(), "The reply '" + reply + "' was removed.");
    }

    public static Refusal notPending(ReplyId reply) {
        return new Refusal.Conflict("reply-not-pending", "The reply '" + reply + "' is not waiting for a moderator.");
    }

    public static Refusal pending(ReplyId reply) {
        return new Refusal.Conflict("reply-pending",
                "The reply '" + reply + "' waits for a moderator: approve or reject it.");
    }

    public static Refusal parentNotInPost(ReplyId parent, PostId post) {
        return new Refusal.Conflict("parent-not-in-post",
                "The reply '" + parent + "' is not a reply to post '" + post + "'.");
    }

    /** {@code why} says who may. */
    public static Refusal notTheOwner(String why) {
        return new Refusal.Forbidden("not-the-owner", why);
    }

    /**
     * The reply of this id is stored already: a repeated request with the same Idempotency-Key,
     * which the HTTP layer answers with the first request's answer.
     */
    public static final class ReplyExists extends Refusal.Conflict {

        private final ReplyId reply;

        public ReplyExists(ReplyId reply) {
            super("reply-exists", "The reply '" + reply + "' exists already.");
            this.reply = reply;
        }

        public ReplyId reply() {
            return reply;
        }
    }
}
