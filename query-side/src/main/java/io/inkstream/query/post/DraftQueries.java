package io.inkstream.query.post;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import io.inkstream.api.PostId;
import io.inkstream.api.post.DraftList;
import io.inkstream.api.post.DraftSummary;
import io.inkstream.api.post.FetchDraftQuery;
import io.inkstream.api.post.FetchDraftsQuery;
import io.inkstream.api.post.PostPage;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Drafts and scheduled posts, for their authors and admins: the asker checks who may see them. */
@Component
record DraftQueries(Generations generations, PostViews views) {

    /** The collections readers see. */
    private Generation reads() {
        return generations.reading();
    }

    /** The draft as its page will look, or null when there is none (or it was published or discarded). */
    @QueryHandler
    CompletableFuture<PostPage> handle(FetchDraftQuery query) {
        if (query.idOrSlug().length() > PostViews.ID_OR_SLUG_MAX) {
            return CompletableFuture.completedFuture(null);
        }
        Bson open = ne(DraftProjection.CLOSED, true);
        return Mono.from(reads().get(ReadModels.DRAFTS).find(and(eq("_id", query.idOrSlug()), open)).first())
                .switchIfEmpty(Mono.defer(() -> Mono.from(
                        reads().get(ReadModels.DRAFTS).find(and(eq("slug", query.idOrSlug()), open)).first())))
                .flatMap(views::page)
                .toFuture();
    }

    @QueryHandler
    CompletableFuture<DraftList> handle(FetchDraftsQuery query) {
        return Cursor.page(reads().get(ReadModels.DRAFTS),
                        and(eq("authorId", query.authorId().value()), ne(DraftProjection.CLOSED, true)), "updatedAt",
                        query.cursor(), query.limit())
                .map(page -> new DraftList(page.rows().stream().map(DraftQueries::summary).toList(), page.next()))
                .toFuture();
    }

    private static DraftSummary summary(Document d) {
        return new DraftSummary(new PostId(d.getString("_id")), d.getString("slug"), d.getString("title"),
                d.getString("status"), ReadModels.instant(d, "publishAt"), ReadModels.instant(d, "updatedAt"));
    }
}
