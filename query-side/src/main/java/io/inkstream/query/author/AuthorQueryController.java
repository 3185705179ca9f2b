package io.inkstream.query.author;

import io.inkstream.api.AuthorId;
import io.inkstream.api.Refusal;
import io.inkstream.api.author.AuthorPage;
import io.inkstream.api.author.FetchAuthorQuery;
import io.inkstream.api.post.PostSummary;
import io.inkstream.api.post.PostSummaryPage;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.query.post.PostQueryController;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
record AuthorQueryController(ReactorQueryGateway queries, PostQueryController posts) {

    @GetMapping("/authors/{authorId}")
    Mono<AuthorPage> author(@PathVariable String authorId) {
        return find(authorId);
    }

    /** The author's posts, newest first, paged as {@code /posts}; 404 for an unknown author. */
    @GetMapping("/authors/{authorId}/posts")
    Mono<ResponseEntity<?>> posts(@PathVariable String authorId, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
        return find(authorId).flatMap(found -> posts.list(found.authorId(), null, limit, cursor, exchange));
    }

    private Mono<AuthorPage> find(String authorId) {
        return queries.query(new FetchAuthorQuery(new AuthorId(authorId)), AuthorPage.class)
                .switchIfEmpty(Mono.error(() -> Refusal.NotFound.of("author", authorId)));
    }

    /** What these operations answer (the OpenAPI document). */
    @Bean
    static ApiAnswers authorReadAnswers() {
        return ApiAnswers.of(t -> {
            t.on("GET", "/authors/{authorId}").answers(200, AuthorPage.class).tagged().refuses(404);
            t.on("GET", "/authors/{authorId}/posts").answers(200, PostSummaryPage.class).tagged().paged()
                    .ndjson(PostSummary.class).refuses(400, 404);
        });
    }
}
