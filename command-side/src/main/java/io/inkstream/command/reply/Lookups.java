package io.inkstream.command.reply;

import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.Moderation;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.api.reply.ReplyAdded;
import java.util.Optional;

/** What a reply's rules look up in the event store: its post, its parent, itself, the site's rules. Changes nothing. */
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
