package io.inkstream.command.privacy;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import java.util.List;

/** What the event store holds of one commenter: every reply they added, read from the first event. */
interface History {

    /** A reply of theirs; {@code clear}: stored before personal data was sealed. */
    record Reply(ReplyId replyId, PostId postId, boolean clear) {
    }

    /** Their replies, sealed under {@code commenter} or stored in clear with {@code email}. Blocking. */
    List<Reply> of(String commenter, String email);

    /** Redacts the name, email and URL of a reply stored in clear; one redacted already changes nothing. */
    void redact(Reply reply, String commenter);
}
