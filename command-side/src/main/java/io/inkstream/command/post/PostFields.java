package io.inkstream.command.post;

import io.inkstream.api.Link;
import io.inkstream.api.post.Content;
import io.inkstream.api.post.Tags;
import io.inkstream.command.Fields;
import java.util.List;

/** The field rules of a post revision, shared by publishing and editing. */
final class PostFields {

    static final int TITLE_MAX = 300;
    static final int BODY_MAX = 500_000;
    static final int TAGS_MAX = 20;
    static final int TAG_MAX = 50;
    static final int LINKS_MAX = 20;

    private PostFields() {
    }

    static void check(Content given) {
        Content content = given != null ? given : new Content(null, null, null, null, null);
        String title = content.title();
        String body = content.bodyMarkdown();
        List<String> tags = content.tags();
        List<Link> links = content.relatedLinks();
        Fields fields = new Fields()
                .required("title", title, TITLE_MAX)
                .required("bodyMarkdown", body, BODY_MAX)
                .markdown("bodyMarkdown", body)
                .url("canonicalUrl", content.canonicalUrl());
        if (tags != null) {
            fields.check(tags.size() <= TAGS_MAX, "tags", "must be at most " + TAGS_MAX + " tags");
            for (int i = 0; i < tags.size(); i++) {
                fields.required("tags[" + i + "]", tags.get(i), TAG_MAX);
            }
        }
        if (links != null) {
            fields.check(links.size() <= LINKS_MAX, "relatedLinks", "must be at most " + LINKS_MAX + " links");
            for (int i = 0; i < links.size(); i++) {
                Link link = links.get(i);
                if (link == null) {
                    fields.check(false, "relatedLinks[" + i + "]", "is required");
                    continue;
                }
                fields.required("relatedLinks[" + i + "].title", link.title(), TITLE_MAX)
                        .required("relatedLinks[" + i + "].url", link.url(), 2048)
                        .url("relatedLinks[" + i + "].url", link.url());
            }
        }
        fields.orThrow();
    }

    /** As it is stored, once checked: titles trimmed, tags trimmed and without repeats, in the order given. */
    static Content tidy(Content content) {
        List<Link> links = content.relatedLinks() == null ? List.of()
                : content.relatedLinks().stream().map(l -> new Link(l.title().strip(), l.url())).toList();
        return new Content(content.title().strip(), content.bodyMarkdown(), Tags.distinct(content.tags()),
                content.canonicalUrl(), links);
    }
}
