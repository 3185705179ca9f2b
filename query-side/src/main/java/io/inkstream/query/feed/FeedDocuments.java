package io.inkstream.query.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;

/**
 * Feeds as Rome builds them, from what the read models hold: no MongoDB here, so what a feed
 * says is tested on its own. Every link is absolute, from the public URL; an entry's id never
 * changes (a post's or reply's id, as a URN).
 */
final class FeedDocuments {

    /** A link or image in a body, as the sanitizer writes them: always double-quoted. */
    private static final Pattern URL_ATTRIBUTE = Pattern.compile("\\b(src|href)=\"([^\"]*)\"");

    /** The formats served, as Rome names them, and their media types. */
    enum Format {
        ATOM("atom_1.0", "application/atom+xml"), RSS("rss_2.0", "application/rss+xml");

        final String rome;
        final String mediaType;

        Format(String rome, String mediaType) {
            this.rome = rome;
            this.mediaType = mediaType;
        }
    }

    /** A post as an entry shows it. */
    record Post(String postId, String slug, String title, String excerpt, String bodyHtml, List<String> tags,
            Instant publishedAt, Instant updatedAt, String authorName) {
    }

    /** A reply as an entry shows it. */
    record Reply(String replyId, String authorName, String bodyHtml, Instant createdAt, Instant editedAt) {
    }

    /** The feed's own facts: its title, the page it stands for, and the path it is served at. */
    record Head(String title, String description, String pagePath, String feedPath) {
    }

    private final String publicUrl;

    FeedDocuments(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    String postUrl(String slug) {
        return publicUrl + "/posts/" + UriUtils.encodePathSegment(slug, StandardCharsets.UTF_8);
    }

    String url(String path) {
        return publicUrl + path;
    }

    SyndFeed posts(Head head, List<Post> posts, Format format) {
        SyndFeed feed = feed(head, format);
        List<SyndEntry> entries = new ArrayList<>();
        for (Post post : posts) {
            String link = postUrl(post.slug());
            SyndEntry entry = new SyndEntryImpl();
            entry.setTitle(post.title());
            entry.setLink(link);
            entry.setUri(urn(post.postId()));
            entry.setPublishedDate(date(post.publishedAt()));
            entry.setUpdatedDate(date(post.updatedAt()));
            entry.setAuthor(post.authorName());
            List<SyndCategory> categories = new ArrayList<>();
            for (String tag : post.tags()) {
                SyndCategory category = new SyndCategoryImpl();
                category.setName(tag);
                categories.add(category);
            }
            entry.setCategories(categories);
            entry.setDescription(content("text", post.excerpt()));
            entry.setContents(List.of(content("html", absolute(post.bodyHtml(), link))));
            entries.add(entry);
        }
        feed.setEntries(entries);
        // Atom needs the feed's time even with no entries: then the start of time, which never moves.
        feed.setPublishedDate(date(posts.stream().map(Post::updatedAt).max(Instant::compareTo).orElse(Instant.EPOCH)));
        return feed;
    }

    SyndFeed replies(Head head, String postSlug, String postTitle, List<Reply> replies, Format format) {
        SyndFeed feed = feed(head, format);
        List<SyndEntry> entries = new ArrayList<>();
        for (Reply reply : replies) {
            String link = postUrl(postSlug) + "#reply-" + reply.replyId();
            SyndEntry entry = new SyndEntryImpl();
            entry.setTitle(reply.authorName() + " on " + postTitle);
            entry.setLink(link);
            entry.setUri(urn(reply.replyId()));
            entry.setPublishedDate(date(reply.createdAt()));
            entry.setUpdatedDate(date(reply.editedAt() != null ? reply.editedAt() : reply.createdAt()));
            entry.setAuthor(reply.authorName());
            entry.setContents(List.of(content("html", absolute(reply.bodyHtml(), link))));
            entries.add(entry);
        }
        feed.setEntries(entries);
        feed.setPublishedDate(date(replies.stream()
                .map(r -> r.editedAt() != null ? r.editedAt() : r.createdAt()).max(Instant::compareTo).orElse(Instant.EPOCH)));
        return feed;
    }

    private SyndFeed feed(Head head, Format format) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(format.rome);
        feed.setTitle(head.title());
        feed.setDescription(head.description());
        feed.setUri(url(head.pagePath()));
        feed.setLink(url(head.pagePath()));
        SyndLink self = new SyndLinkImpl();
        self.setRel("self");
        self.setType(format.mediaType);
        self.setHref(url(head.feedPath()));
        SyndLink page = new SyndLinkImpl();
        page.setRel("alternate");
        page.setHref(url(head.pagePath()));
        feed.setLinks(List.of(page, self));
        return feed;
    }

    static byte[] render(SyndFeed feed) {
        try {
            return new SyndFeedOutput().outputString(feed).getBytes(StandardCharsets.UTF_8);
        } catch (FeedException e) {
            throw new IllegalStateException("feed not rendered", e);
        }
    }

    /** Links and images in a body made absolute against the page they are shown on: readers show them elsewhere. */
    static String absolute(String html, String base) {
        if (html == null) {
            return "";
        }
        URI baseUri = URI.create(base);
        Matcher m = URL_ATTRIBUTE.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            String value = m.group(2);
            String resolved = value;
            if (!value.startsWith("#")) {
                try {
                    resolved = baseUri.resolve(value.replace("&amp;", "&")).toString().replace("&", "&amp;");
                } catch (IllegalArgumentException notAUri) {
                    resolved = value;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "=\"" + resolved + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A URN that names the post or reply for good: its UUID where it is one. */
    static String urn(String id) {
        try {
            String uuid = UUID.fromString(id).toString();
            if (uuid.equalsIgnoreCase(id)) {
                return "urn:uuid:" + uuid;
            }
        } catch (IllegalArgumentException notAUuid) {
            // named below
        }
        return "urn:inkstream:" + id;
    }

    private static SyndContent content(String type, String value) {
        SyndContent content = new SyndContentImpl();
        content.setType(type);
        content.setValue(value == null ? "" : value);
        return content;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
