package io.inkstream.query.post;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.Projections;
import io.inkstream.api.AuthorId;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.post.AuthorRef;
import io.inkstream.api.post.AuthorSummary;
import io.inkstream.api.post.PostPage;
import io.inkstream.api.post.PostSummary;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModelIndexes;
import io.inkstream.query.ReadModels;
import io.inkstream.query.ReadYourWrites;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds post views from the post read model, joined at read time with the two facts other
 * read models own: the author's name and bio, and the thread's reply count. Joining by
 * {@code _id} keeps each read model rebuildable on its own, and a profile change needs no
 * rewrite of every post.
 */
@Component
public class PostViews {

    /** The status of every post in the public read model: drafts are kept apart ({@link DraftProjection}). */
    static final String PUBLISHED = "published";
    /** How many posts are joined with one round trip per joined collection. */
    static final int JOIN_BATCH = 100;
    /** Longer than any id or slug this service gives out: not looked up. */
    static final int ID_OR_SLUG_MAX = 200;

    private final Generation reads;
    /** Null where nothing projects into {@link #reads} while it is read (time travel). */
    private final ReadYourWrites recent;

    /** Takes the indexes so that they exist before the first read or projection write. */
    @Autowired
    PostViews(Generations generations, ReadModelIndexes indexes, ReadYourWrites recent) {
        this.reads = generations.reading();
        this.recent = recent;
    }

    /** Views over any set of collections: the live ones, or scratch ones for time travel. */
    public PostViews(Generation reads) {
        this.reads = reads;
        this.recent = null;
    }

    /** The post with this id, else the one with this slug. */
    public Mono<Document> find(String idOrSlug) {
        return find(idOrSlug, null);
    }

    /** The same, with only the {@code fields} asked for (all for null). */
    private Mono<Document> find(String idOrSlug, Document fields) {
        return Mono.defer(() -> Mono.from(reads.get(ReadModels.POSTS).find(eq("_id", idOrSlug)).projection(fields).first()))
                .switchIfEmpty(Mono.defer(() -> Mono.from(
                        reads.get(ReadModels.POSTS).find(eq("slug", idOrSlug)).projection(fields).first())));
    }

    /**
     * The same for a reader: looked for again while the posts' projection catches up with what
     * was stored when it was asked ({@link ReadYourWrites}), so a post just published is found.
     */
    private Mono<Document> findForReader(String idOrSlug, Document fields) {
        Mono<Document> once = find(idOrSlug, fields);
        return recent == null ? once : once.switchIfEmpty(Mono.defer(() -> recent.again(ReadModels.POST_GROUP, once)));
    }

    /** The id of the published post with this id or slug: one field read, not a page. */
    public Mono<PostId> publishedId(String idOrSlug) {
        return published(idOrSlug, findForReader(idOrSlug, new Document("unpublished", 1)),
                d -> d.getBoolean("unpublished", false), d -> d.getString("_id"))
                .map(d -> new PostId(d.getString("_id")));
    }

    /** A published post's id and author: who moderates its replies. */
    public record Moderated(PostId postId, String authorId) {

        /** Whether this actor moderates the post's replies: its author, or an admin. */
        public boolean by(io.inkstream.api.Actor actor) {
            return actor.mayActAs(authorId);
        }
    }

    /** The published post with this id or slug, with its author: two fields read. */
    public Mono<Moderated> moderated(String idOrSlug) {
        return published(idOrSlug, findForReader(idOrSlug, new Document("unpublished", 1).append("authorId", 1)),
                d -> d.getBoolean("unpublished", false), d -> d.getString("_id"))
                .map(d -> new Moderated(new PostId(d.getString("_id")), d.getString("authorId")));
    }

    /**
     * What {@code found} finds, if it is a published post: refused as not found for none (or
     * for an id or slug longer than any), as gone for an unpublished one. The one place where
     * a reader's id or slug is turned away.
     */
    public static <T> Mono<T> published(String idOrSlug, Mono<T> found, Predicate<T> unpublished,
            Function<T, String> idOf) {
        if (idOrSlug.length() > ID_OR_SLUG_MAX) {
            return Mono.error(notFound(idOrSlug));
        }
        return found.switchIfEmpty(Mono.error(() -> notFound(idOrSlug)))
                .flatMap(post -> unpublished.test(post) ? Mono.error(new Refusal.Gone("post-unpublished", "post",
                        idOf.apply(post), "This post was unpublished.")) : Mono.just(post));
    }

    private static Refusal notFound(String idOrSlug) {
        return Refusal.NotFound.of("post", idOrSlug);
    }

    public Mono<PostPage> page(String idOrSlug) {
        return findForReader(idOrSlug, null).flatMap(this::page);
    }

    public Mono<PostPage> page(Document post) {
        return Mono.zip(authorsOf(Set.of(post.getString("authorId"))), replyCounts(Set.of(post.getString("_id"))))
                .map(joined -> page(post, joined.getT1(), joined.getT2()));
    }

    /** Summaries for a stream of post documents, in the same order, joined a batch at a time. */
    public Flux<PostSummary> summaries(Flux<Document> postDocuments) {
        return postDocuments.buffer(JOIN_BATCH).concatMap(batch -> {
            Set<String> authorIds = batch.stream().map(d -> d.getString("authorId")).collect(Collectors.toSet());
            Set<String> postIds = batch.stream().map(d -> d.getString("_id")).collect(Collectors.toSet());
            return Mono.zip(authorsOf(authorIds), replyCounts(postIds))
                    .flatMapIterable(joined -> batch.stream()
                            .map(d -> summary(d, joined.getT1(), joined.getT2())).toList());
        }, 0);
    }

    private Mono<Map<String, Document>> authorsOf(Set<String> ids) {
        return Flux.from(reads.get(ReadModels.AUTHORS).find(in("_id", ids)).projection(Projections.include("displayName", "bio")))
                .collectMap(d -> d.getString("_id"), Function.identity());
    }

    private Mono<Map<String, Long>> replyCounts(Set<String> postIds) {
        return Flux.from(reads.get(ReadModels.THREADS).find(in("_id", postIds)).projection(Projections.include("replyCount")))
                .collectMap(d -> d.getString("_id"), d -> d.get("replyCount", Number.class) == null ? 0L
                        : d.get("replyCount", Number.class).longValue());
    }

    private static PostPage page(Document d, Map<String, Document> authors, Map<String, Long> counts) {
        String authorId = d.getString("authorId");
        Document author = authors.getOrDefault(authorId, new Document());
        return new PostPage(new PostId(d.getString("_id")), d.getString("slug"), d.getString("title"),
                d.getString("bodyMarkdown"), d.getString("bodyHtml"), d.getList("tags", String.class, List.of()),
                d.getString("canonicalUrl"), links(d), ReadModels.instant(d, "publishedAt"),
                ReadModels.instant(d, "updatedAt"), d.get("version", Number.class).longValue(),
                d.getString("status") == null ? PUBLISHED : d.getString("status"), ReadModels.instant(d, "publishAt"),
                d.getBoolean("repliesOpen", true), counts.getOrDefault(d.getString("_id"), 0L),
                new AuthorRef(new AuthorId(authorId), author.getString("displayName"), author.getString("bio")),
                d.getBoolean("unpublished", false));
    }

    private static PostSummary summary(Document d, Map<String, Document> authors, Map<String, Long> counts) {
        String authorId = d.getString("authorId");
        Document author = authors.getOrDefault(authorId, new Document());
        return new PostSummary(new PostId(d.getString("_id")), d.getString("slug"), d.getString("title"), d.getString("excerpt"),
                d.getList("tags", String.class, List.of()), ReadModels.instant(d, "publishedAt"),
                counts.getOrDefault(d.getString("_id"), 0L),
                new AuthorSummary(new AuthorId(authorId), author.getString("displayName")));
    }

    private static List<Link> links(Document d) {
        return d.getList("relatedLinks", Document.class, List.of()).stream()
                .map(l -> new Link(l.getString("title"), l.getString("url"))).toList();
    }
}
