package io.inkstream.api.post;

import io.inkstream.api.AuthorId;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PostPublished(
        PostId postId,
        AuthorId authorId,
        String slug,
        String title,
        String bodyMarkdown,
        List<String> tags,
        String canonicalUrl,
        List<Link> relatedLinks) implements PostEvent {
}
