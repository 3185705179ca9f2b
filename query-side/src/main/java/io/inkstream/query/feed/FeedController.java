package io.inkstream.query.feed;

import io.inkstream.api.AuthorId;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.query.feed.FeedDocuments.Format;
import io.swagger.v3.oas.annotations.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Atom 1.0 and RSS 2.0, public. Every answer carries its {@code ETag} and {@code Last-Modified};
 * a reader that sends them back gets a 304 while the feed is unchanged (WebFlux answers the
 * conditional request from the validators of the entity returned here).
 */
@RestController
class FeedController {

    /** Longer than any tag a post may have: not looked up. */
    static final int TAG_MAX = 200;

    private final Feeds feeds;

    FeedController(Feeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping("/feed.atom")
    Mono<ResponseEntity<byte[]>> siteAtom() {
        return served(feeds.site(Format.ATOM));
    }

    @GetMapping("/feed.rss")
    Mono<ResponseEntity<byte[]>> siteRss() {
        return served(feeds.site(Format.RSS));
    }

    @GetMapping("/authors/{authorId}/feed.atom")
    Mono<ResponseEntity<byte[]>> authorAtom(@PathVariable String authorId) {
        return served(feeds.author(AuthorId.parse(authorId).value(), Format.ATOM));
    }

    @GetMapping("/authors/{authorId}/feed.rss")
    Mono<ResponseEntity<byte[]>> authorRss(@PathVariable String authorId) {
        return served(feeds.author(AuthorId.parse(authorId).value(), Format.RSS));
    }

    @GetMapping("/tags/{tag}/feed.atom")
    Mono<ResponseEntity<byte[]>> tagAtom(@PathVariable String tag) {
        return served(feeds.tag(checked(tag), Format.ATOM));
    }

    @GetMapping("/tags/{tag}/feed.rss")
    Mono<ResponseEntity<byte[]>> tagRss(@PathVariable String tag) {
        return served(feeds.tag(checked(tag), Format.RSS));
    }

    @GetMapping("/posts/{postId}/replies/feed.atom")
    Mono<ResponseEntity<byte[]>> repliesAtom(
            @Parameter(description = "the post's id, or its slug") @PathVariable("postId") String idOrSlug) {
        return served(feeds.replies(idOrSlug));
    }

    private static String checked(String tag) {
        if (tag.isBlank() || tag.length() > TAG_MAX) {
            throw io.inkstream.api.Refusal.NotFound.of("tag", tag.length() > TAG_MAX ? tag.substring(0, TAG_MAX) : tag);
        }
        return tag;
    }

    private static Mono<ResponseEntity<byte[]>> served(Mono<Feeds.Answer> answer) {
        return answer.map(found -> {
            ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                    .contentType(new MediaType(MediaType.parseMediaType(found.mediaType()), StandardCharsets.UTF_8))
                    .eTag(found.etag());
            if (found.lastModified() != null) {
                ok.lastModified(found.lastModified());
            }
            return ok.body(found.body());
        });
    }

    /** What these operations answer (the OpenAPI document). */
    @Bean
    static ApiAnswers feedAnswers() {
        return ApiAnswers.of(t -> {
            for (String of : List.of("", "/authors/{authorId}", "/tags/{tag}")) {
                t.on("GET", of + "/feed.atom").answers(200, String.class).as(FeedDocuments.Format.ATOM.mediaType).tagged()
                        .refuses(404);
                t.on("GET", of + "/feed.rss").answers(200, String.class).as(FeedDocuments.Format.RSS.mediaType).tagged()
                        .refuses(404);
            }
            t.on("GET", "/posts/{postId}/replies/feed.atom").answers(200, String.class).as(FeedDocuments.Format.ATOM.mediaType)
                    .tagged().refuses(404, 410);
        });
    }
}
