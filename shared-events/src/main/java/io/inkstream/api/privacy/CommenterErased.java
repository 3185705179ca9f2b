package io.inkstream.api.privacy;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A commenter's personal data was erased: their key destroyed, and their {@code replies} (on
 * {@code posts}) show {@code "[erased]"} where their name, email and URL were. {@code redacted}
 * are those of the replies that were stored in clear (before sealing): their events are redacted
 * in place, and any copy of them elsewhere (a dead letter) goes too.
 */
@Revision("1")
public record CommenterErased(String commenter, List<ReplyId> replies, List<PostId> posts, List<ReplyId> redacted) {

    public CommenterErased {
        replies = List.copyOf(replies);
        posts = List.copyOf(posts);
        redacted = List.copyOf(redacted);
    }
}
