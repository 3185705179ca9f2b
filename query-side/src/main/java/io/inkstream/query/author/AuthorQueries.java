package io.inkstream.query.author;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.model.Sorts;
import io.inkstream.api.AuthorId;
import io.inkstream.api.author.AuthorPage;
import io.inkstream.api.author.FetchAuthorQuery;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import io.inkstream.query.post.PostViews;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
record AuthorQueries(Generations generations, PostViews views) {

    static final int RECENT = 5;

    /** The collections readers see. */
    private Generation reads() {
        return generations.reading();
    }

    /** The author's page, or null for an unknown author. */
    @QueryHandler
    CompletableFuture<AuthorPage> handle(FetchAuthorQuery query) {
        return Mono.from(reads().get(ReadModels.AUTHORS).find(eq("_id", query.authorId().value())).first())
                .filter(doc -> doc.getString("displayName") != null)
                .flatMap(this::page)
                .toFuture();
    }

    private Mono<AuthorPage> page(Document author) {
        List<String> postIds = author.getList("postIds", String.class, List.of());
        // Posts are added to the set as they are published, so the last ids are the newest.
        List<String> newest = postIds.subList(Math.max(0, postIds.size() - RECENT * 2), postIds.size());
        Flux<Document> recent = Flux.from(reads().get(ReadModels.POSTS).find(and(in("_id", newest), ne("unpublished", true)))
                .sort(Sorts.descending("publishedAt", "_id")).limit(RECENT));
        return views.summaries(recent).collectList().map(summaries -> new AuthorPage(new AuthorId(author.getString("_id")),
                author.getString("displayName"), author.getString("bio"), author.getString("contact"),
                ReadModels.instant(author, "registeredAt"), postIds.size(), summaries));
    }
}
