package io.inkstream.api.post;

import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A new revision of a post not yet published. */
@Revision("1")
public record DraftRevised(
        PostId postId,
        String title,
        String bodyMarkdown,
        List<String> tags,
        String canonicalUrl,
        List<Link> relatedLinks) implements DraftEvent {
}
