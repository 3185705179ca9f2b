package io.inkstream.query.post;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.model.Sorts;
import io.inkstream.api.AuthorId;
import io.inkstream.api.post.FetchPostQuery;
import io.inkstream.api.post.FetchPostsQuery;
import io.inkstream.api.post.FollowPostsQuery;
import io.inkstream.api.post.PostPage;
import io.inkstream.api.post.PostSummary;
import io.inkstream.api.post.PostSummaryPage;
import io.inkstream.api.post.StreamPostsQuery;
import io.inkstream.api.post.Tags;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Post queries. Point queries answer with a future of a reactive read, so the handler never
 * waits; the streaming query answers with the read itself, and honours the reader's demand.
 */
@Component
record PostQueries(Generations generations, PostViews views) {

    /** Newest first, ties broken by id so that a cursor is exact. */
    static final Bson NEWEST_FIRST = Sorts.descending("publishedAt", "_id");
    /** Rows the driver fetches per round trip while streaming. */
    static final int STREAM_BATCH = 64;

    /** The collections readers see. */
    private Generation reads() {
        return generations.reading();
    }

    /** The page, or null when there is no such post; an unpublished one says so. */
    @QueryHandler
    CompletableFuture<PostPage> handle(FetchPostQuery query) {
        return views.page(query.idOrSlug()).toFuture();
    }

    @QueryHandler
    CompletableFuture<PostSummaryPage> handle(FetchPostsQuery query) {
        return Cursor.page(reads().get(ReadModels.POSTS), filter(query.authorId(), query.tag()), "publishedAt",
                        query.cursor(), query.limit())
                .flatMap(page -> views.summaries(Flux.fromIterable(new ArrayList<>(page.rows()))).collectList()
                        .map(items -> new PostSummaryPage(items, page.next())))
                .toFuture();
    }

    @QueryHandler
    Flux<PostSummary> handle(StreamPostsQuery query) {
        return views.summaries(Flux.from(reads().get(ReadModels.POSTS).find(filter(query.authorId(), query.tag()))
                .sort(NEWEST_FIRST).batchSize(STREAM_BATCH)));
    }

    /** The feed has no snapshot: it starts now, and its updates carry the posts. */
    @QueryHandler
    CompletableFuture<Instant> handle(FollowPostsQuery query) {
        return CompletableFuture.completedFuture(Instant.now());
    }

    static Bson filter(AuthorId authorId, String tag) {
        List<Bson> parts = new ArrayList<>();
        parts.add(ne("unpublished", true));
        if (authorId != null) {
            parts.add(eq("authorId", authorId.value()));
        }
        if (tag != null) {
            parts.add(eq(PostProjection.TAG_KEYS, Tags.key(tag)));
        }
        return and(parts);
    }
}
