package io.inkstream.query.post;

import io.inkstream.api.AuthorId;
import io.inkstream.api.Refusal;
import io.inkstream.api.post.DraftList;
import io.inkstream.api.post.FetchDraftQuery;
import io.inkstream.api.post.FetchDraftsQuery;
import io.inkstream.api.post.FetchPostQuery;
import io.inkstream.api.post.FetchPostsQuery;
import io.inkstream.api.post.FollowPostsQuery;
import io.inkstream.api.post.PostFeedUpdate;
import io.inkstream.api.post.PostPage;
import io.inkstream.api.post.PostSummary;
import io.inkstream.api.post.PostSummaryPage;
import io.inkstream.api.post.StreamPostsQuery;
import io.inkstream.platform.security.HttpCaching;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.platform.web.Requester;
import io.inkstream.query.Live;
import io.inkstream.query.PageCache;
import io.inkstream.query.Paging;
import io.inkstream.query.Streams;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Post pages and post lists, as JSON, NDJSON or server-sent events, chosen by {@code Accept};
 * the live streams are functional endpoints ({@link Live#STREAM} says why).
 */
@RestController
public record PostQueryController(ReactorQueryGateway queries, Streams streams, PostViews views, PageCache cache) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** A post page's changes, and new, changed and unpublished posts. */
    @Bean
    static RouterFunction<ServerResponse> postStreams(PostViews views, Live live) {
        return RouterFunctions.route()
                .GET("/posts/{postId}", Live.STREAM, request -> views.publishedId(request.pathVariable("postId"))
                        .flatMap(post -> live.ok(request, live.stream(live.subscribe(new FetchPostQuery(post.value()),
                                PostPage.class, PostPage.class), p -> Live.event("snapshot", p),
                                p -> Live.event("post-updated", p)))))
                .GET("/posts", Live.STREAM, request -> live.ok(request, live.updates(live.subscribe(new FollowPostsQuery(),
                        Instant.class, PostFeedUpdate.class), u -> Live.event(u.kind(), u.data()))))
                .build();
    }

    /**
     * The page of a published post, refused as {@link PostViews#published} refuses. Read from the
     * read model directly: a one-off read needs nothing of the query bus, which live streams use.
     */
    private Mono<PostPage> published(String idOrSlug) {
        return PostViews.published(idOrSlug, views.page(idOrSlug), PostPage::unpublished, page -> page.postId().value());
    }

    /**
     * A published post's page. A draft or scheduled post is not found, except by its author and
     * admins with credentials, who get it as it will look, with its status. A published page is
     * served as kept in {@link PageCache} while nothing changed.
     */
    @GetMapping("/posts/{postId}")
    Mono<ResponseEntity<?>> post(
            @Parameter(description = "the post's id, or its slug") @PathVariable("postId") String idOrSlug,
            ServerWebExchange exchange) {
        String key = "post/" + idOrSlug;
        PageCache.Page kept = cache.get(key);
        if (kept != null) {
            return Mono.just(answer(kept.version(), kept.body(), exchange));
        }
        PageCache.Stamp stamp = cache.stamp();
        return published(idOrSlug)
                .<ResponseEntity<?>>map(page -> {
                    PageCache.Page made = cache.put(key, stamp, page, page.version(), page.author().authorId().value());
                    return answer(made.version(), made.body(), exchange);
                })
                .onErrorResume(Refusal.NotFound.class, missing -> preview(idOrSlug, exchange)
                        .map(draft -> answer(draft.version(), draft, exchange))
                        .switchIfEmpty(Mono.error(missing)));
    }

    /**
     * The page, tagged with the post's version (a client holding it gets 304, as every tagged
     * answer does: {@link HttpCaching}). Not for shared caches: the tag is the version (API.md),
     * which does not move when the reply count or the author's name does, so a kept copy
     * revalidated by it would show those as they were.
     */
    private static ResponseEntity<?> answer(long version, Object body, ServerWebExchange exchange) {
        exchange.getAttributes().put(HttpCaching.NOT_SHARED, true);
        return ResponseEntity.ok().eTag("\"" + version + "\"").contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** The draft with this id or slug, if the requester may see it; empty for anyone else. */
    private Mono<PostPage> preview(String idOrSlug, ServerWebExchange exchange) {
        return Requester.of(exchange).map(Requester::actor).filter(actor -> !actor.anonymous())
                .flatMap(actor -> queries.query(new FetchDraftQuery(idOrSlug), PostPage.class)
                        .filter(draft -> actor.mayActAs(draft.author().authorId().value())));
    }

    /** An author's drafts and scheduled posts, for the author and admins (security asks for credentials). */
    @GetMapping("/authors/{authorId}/drafts")
    Mono<ResponseEntity<DraftList>> drafts(@PathVariable String authorId, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
        AuthorId author = AuthorId.parse(authorId);
        int size = Paging.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        if (cursor != null) {
            Cursor.decode(cursor); // rejects a forged or damaged cursor here, with a 400
        }
        return Requester.of(exchange).flatMap(requester -> requester.actor().mayActAs(authorId)
                ? queries.query(new FetchDraftsQuery(author, size, cursor), DraftList.class)
                        .map(list -> Paging.linked(ResponseEntity.ok(), exchange, list.nextCursor()).body(list))
                : Mono.error(new Refusal.Forbidden("not-the-owner", "Only the author or an admin sees its drafts.")));
    }

    @GetMapping("/posts")
    Mono<ResponseEntity<?>> posts(@RequestParam(required = false) String author,
            @RequestParam(required = false) String tag, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
        // No author named is no author asked for.
        return list(author == null || author.isBlank() ? null : new AuthorId(author), tag, limit, cursor, exchange);
    }

    /** A newest-first list of summaries: one page as JSON, or all of them as NDJSON. */
    public Mono<ResponseEntity<?>> list(AuthorId author, String tag, Integer limit, String cursor,
            ServerWebExchange exchange) {
        if (Live.asks(exchange, MediaType.APPLICATION_NDJSON)) {
            return Mono.just(ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON)
                    .body(streams.idle(queries.streamingQuery(new StreamPostsQuery(author, tag), PostSummary.class), exchange)));
        }
        int size = Paging.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        if (cursor != null) {
            Cursor.decode(cursor); // rejects a forged or damaged cursor here, with a 400
        }
        return queries.query(new FetchPostsQuery(author, tag, size, cursor), PostSummaryPage.class)
                .map(page -> Paging.linked(ResponseEntity.ok(), exchange, page.nextCursor())
                        .contentType(MediaType.APPLICATION_JSON).body(page));
    }

    /** What these operations answer (the OpenAPI document). */
    @Bean
    static ApiAnswers postReadAnswers() {
        return ApiAnswers.of(t -> {
            t.on("GET", "/posts/{postId}").answers(200, PostPage.class).tagged()
                    .events("snapshot, then post-updated").refuses(404, 410);
            t.on("GET", "/posts").answers(200, PostSummaryPage.class).tagged().paged().ndjson(PostSummary.class)
                    .events("post-published, post-updated, post-unpublished").refuses(400);
            t.on("GET", "/authors/{authorId}/drafts").answers(200, DraftList.class).tagged().paged()
                    .refuses(400, 401, 403);
        });
    }
}
