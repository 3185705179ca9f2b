package io.inkstream.api.post;

import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A new revision; the slug stays, so links to the post keep working. */
@Revision("1")
public record PostEdited(
        PostId postId,
        String title,
        String bodyMarkdown,
        List<String> tags,
        String canonicalUrl,
        List<Link> relatedLinks) implements PostEvent {
}
