package io.inkstream.api.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A reply was added. {@code authorLogin} is the authenticated login, or null for an
 * anonymous reply; {@code parentReplyId} is null for a top-level reply. {@code heldFor} says why
 * it waits for a moderator (empty: shown at once); {@code commenter} is who wrote it as the
 * first-time mode knows commenters (see {@code Commenters}), null for an anonymous reply
 * without an email.
 */
@Revision("2")
public record ReplyAdded(
        ReplyId replyId,
        PostId postId,
        ReplyId parentReplyId,
        String body,
        String authorName,
        String authorEmail,
        String authorUrl,
        String authorLogin,
        List<String> heldFor,
        String commenter) implements ReplyEvent {

    public ReplyAdded {
        // Replies added before moderation came in were all shown at once.
        heldFor = heldFor == null ? List.of() : List.copyOf(heldFor);
    }

    /** Whether it waits for a moderator's approval before anyone but its moderators sees it. */
    public boolean held() {
        return !heldFor.isEmpty();
    }
}
