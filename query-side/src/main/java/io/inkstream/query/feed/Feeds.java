package io.inkstream.query.feed;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.rometools.rome.feed.synd.SyndFeed;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.post.Tags;
import io.inkstream.api.reply.ReplyView;
import io.inkstream.platform.web.ContentTags;
import io.inkstream.query.FeedMarks;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import io.inkstream.query.feed.FeedDocuments.Format;
import io.inkstream.query.feed.FeedDocuments.Head;
import io.inkstream.query.post.PostViews;
import io.inkstream.query.thread.ThreadViews;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Answers feeds. A feed is built once per change of what it shows and kept: a request looks up
 * the feed's marks ({@link FeedMarks}: one lookup by {@code _id}), and unless they moved since
 * the answer kept for them, that answer is served, or a 304 for its {@code ETag} (a hash of the
 * bytes, so every instance gives the same one). Only a change costs a query of posts.
 */
@Component
public class Feeds {

    static final int POSTS = 20;
    static final int REPLIES = 50;
    /** Answers kept, by their bytes: every feed of a large blog, in little memory. */
    static final long CACHE_BYTES = 32L << 20;

    /** A feed as served: its bytes, their hash, and when what it shows last changed (null: never). */
    public record Answer(byte[] body, String etag, Instant lastModified, String mediaType) {
    }

    private final Generation reads;
    private final FeedMarks marks;
    private final ThreadViews threads;
    private final FeedDocuments documents;
    private final String siteTitle;
    private final Cache<String, Answer> answers = Caffeine.newBuilder().maximumWeight(CACHE_BYTES)
            .<String, Answer>weigher((key, answer) -> answer.body().length + key.length()).build();

    /** Feeds built (not served from what was kept): a feed reader's poll should not add one. */
    private final Counter built;

    @Autowired
    Feeds(Generations generations, FeedMarks marks, ThreadViews threads, MeterRegistry meters,
            @Value("${inkstream.public-url:http://localhost:${server.port:8080}}") String publicUrl,
            @Value("${inkstream.site-title:Inkstream}") String siteTitle) {
        this.reads = generations.reading();
        this.marks = marks;
        this.threads = threads;
        this.documents = new FeedDocuments(publicUrl);
        this.siteTitle = siteTitle;
        this.built = Counter.builder("inkstream.feeds.built").description("Feeds built rather than served as kept")
                .register(meters);
    }

    /** The newest posts of the site; empty while there are none. */
    public Mono<Answer> site(Format format) {
        return answer(FeedMarks.SITE, format, mark -> posts(ne("unpublished", true), format,
                new Head(siteTitle, "The newest posts of " + siteTitle, "/", path("/feed", format))));
    }

    /** One author's newest posts; 404 for no such author. */
    public Mono<Answer> author(String authorId, Format format) {
        String feed = FeedMarks.author(authorId);
        return answer(feed, format, mark -> Mono.from(reads.get(ReadModels.AUTHORS).find(eq("_id", authorId))
                        .projection(Projections.include("displayName")).first())
                .switchIfEmpty(Mono.error(() -> Refusal.NotFound.of("author", authorId)))
                .flatMap(author -> posts(and(eq("authorId", authorId), ne("unpublished", true)), format,
                        new Head("Posts by " + author.getString("displayName") + " - " + siteTitle,
                                "The newest posts of " + author.getString("displayName"),
                                "/authors/" + segment(authorId), path("/authors/" + segment(authorId) + "/feed", format)))));
    }

    /** One tag's newest posts, whatever the tag's case; 404 for a tag no post ever had. */
    public Mono<Answer> tag(String tag, Format format) {
        String key = Tags.key(tag);
        String feed = FeedMarks.tag(key);
        return answer(feed, format, mark -> mark == null ? Mono.error(Refusal.NotFound.of("tag", tag))
                : posts(and(eq("tagKeys", key), ne("unpublished", true)), format, posts -> {
                    // Named as the newest post spells it, not as the request did.
                    String name = posts.stream().flatMap(d -> d.getList("tags", String.class, List.of()).stream())
                            .filter(t -> Tags.key(t).equals(key)).findFirst().orElse(tag.strip());
                    return new Head("Posts tagged " + name + " - " + siteTitle, "The newest posts tagged " + name,
                            "/posts?tag=" + UriUtils.encodeQueryParam(key, StandardCharsets.UTF_8),
                            path("/tags/" + segment(key) + "/feed", format));
                }));
    }

    /** A published post's newest shown replies, as Atom. */
    public Mono<Answer> replies(String idOrSlug) {
        // By id, a kept answer needs no look at the post: unpublishing it raises the feed's mark.
        return kept(FeedMarks.replies(idOrSlug), Format.ATOM).switchIfEmpty(Mono.defer(() -> {
            return new PostViews(reads).find(idOrSlug)
                    .as(found -> PostViews.published(idOrSlug, found, d -> d.getBoolean("unpublished", false),
                            d -> d.getString("_id")))
                    .flatMap(post -> answer(FeedMarks.replies(post.getString("_id")), Format.ATOM, mark -> threads
                            .newest(new PostId(post.getString("_id")), REPLIES)
                            .map(replies -> () -> documents.replies(new Head("Replies to " + post.getString("title"),
                                            "The newest replies to " + post.getString("title"),
                                            "/posts/" + segment(post.getString("slug")),
                                            "/posts/" + segment(post.getString("_id")) + "/replies/feed.atom"),
                                    post.getString("slug"), post.getString("title"),
                                    replies.stream().map(Feeds::reply).toList(), Format.ATOM))));
        }));
    }

    /** The answer kept for the feed's current marks, if there is one. */
    private Mono<Answer> kept(String feed, Format format) {
        return marks.of(List.of(feed, FeedMarks.EVERY))
                .flatMap(found -> found.containsKey(feed)
                        ? Mono.justOrEmpty(answers.getIfPresent(cacheKey(feed, format, found))) : Mono.empty());
    }

    /**
     * The kept answer for the feed's marks, or one built now and kept: {@code build} is given the
     * feed's own mark (null if it was never raised).
     */
    private Mono<Answer> answer(String feed, Format format, Function<FeedMarks.Mark, Mono<Supplier<SyndFeed>>> build) {
        return marks.of(List.of(feed, FeedMarks.EVERY)).flatMap(found -> {
            String key = cacheKey(feed, format, found);
            Answer kept = answers.getIfPresent(key);
            if (kept != null) {
                return Mono.just(kept);
            }
            Instant changed = found.values().stream().map(FeedMarks.Mark::changedAt).max(Comparator.naturalOrder())
                    .orElse(null);
            return build.apply(found.get(feed))
                    // Building and rendering XML is CPU work, and Rome loads its plugins from its jar
                    // on first use: not on an event loop.
                    .publishOn(Schedulers.boundedElastic())
                    .map(syndFeed -> {
                        byte[] body = FeedDocuments.render(syndFeed.get());
                        built.increment();
                        Answer built = new Answer(body, ContentTags.of(body), changed, format.mediaType);
                        answers.put(key, built);
                        return built;
                    });
        });
    }

    private static String cacheKey(String feed, Format format, Map<String, FeedMarks.Mark> found) {
        FeedMarks.Mark own = found.get(feed);
        FeedMarks.Mark every = found.get(FeedMarks.EVERY);
        return feed + "|" + format + "|" + (own == null ? 0 : own.n()) + "|" + (every == null ? 0 : every.n());
    }

    /** The newest posts that match, with their authors' names: two lookups. */
    private Mono<Supplier<SyndFeed>> posts(Bson filter, Format format, Head head) {
        return posts(filter, format, posts -> head);
    }

    private Mono<Supplier<SyndFeed>> posts(Bson filter, Format format, Function<List<Document>, Head> head) {
        return Flux.from(reads.get(ReadModels.POSTS).find(filter).sort(Sorts.descending("publishedAt", "_id")).limit(POSTS))
                .collectList()
                .flatMap(posts -> {
                    Set<String> authorIds = posts.stream().map(d -> d.getString("authorId")).filter(Objects::nonNull)
                            .collect(Collectors.toSet());
                    Mono<Map<String, String>> names = authorIds.isEmpty() ? Mono.just(Map.of())
                            : Flux.from(reads.get(ReadModels.AUTHORS).find(in("_id", authorIds))
                                    .projection(Projections.include("displayName")))
                            .collectMap(d -> d.getString("_id"), d -> String.valueOf(d.getString("displayName")));
                    return names.map(byId -> () -> documents.posts(head.apply(posts),
                            posts.stream().map(d -> post(d, byId)).toList(), format));
                });
    }

    private static FeedDocuments.Post post(Document d, Map<String, String> names) {
        return new FeedDocuments.Post(d.getString("_id"), d.getString("slug"), d.getString("title"),
                d.getString("excerpt"), d.getString("bodyHtml"), d.getList("tags", String.class, List.of()),
                ReadModels.instant(d, "publishedAt"), ReadModels.instant(d, "updatedAt"),
                names.getOrDefault(d.getString("authorId"), d.getString("authorId")));
    }

    private static FeedDocuments.Reply reply(ReplyView view) {
        return new FeedDocuments.Reply(view.replyId().value(), view.authorName(), view.bodyHtml(), view.createdAt(),
                view.editedAt());
    }

    private static String path(String base, Format format) {
        return base + (format == Format.ATOM ? ".atom" : ".rss");
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
