package io.inkstream.api.post;

import io.inkstream.api.Link;
import java.util.List;

/** What an author writes of a post, published or not: as a command carries it, before the post's rules are checked. */
public record Content(String title, String bodyMarkdown, List<String> tags, String canonicalUrl, List<Link> relatedLinks) {
}
