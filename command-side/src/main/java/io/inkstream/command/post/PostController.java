package io.inkstream.command.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.inkstream.api.AuthorId;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.post.CloseRepliesCommand;
import io.inkstream.api.post.Content;
import io.inkstream.api.post.DraftPostCommand;
import io.inkstream.api.post.EditPostCommand;
import io.inkstream.api.post.ModeratePostCommand;
import io.inkstream.api.post.OpenRepliesCommand;
import io.inkstream.api.post.PublishDraftCommand;
import io.inkstream.api.post.PublishPostCommand;
import io.inkstream.api.post.PublishPostResult;
import io.inkstream.api.post.ReschedulePostCommand;
import io.inkstream.api.post.UnpublishPostCommand;
import io.inkstream.api.reply.Moderation;
import io.inkstream.command.Commands;
import io.inkstream.command.Fields;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.platform.web.Requester;
import io.inkstream.platform.web.Uuids;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class PostController {

    private static final String PUBLISHED = "published";
    private static final String SCHEDULED = "scheduled";
    private static final Set<String> STATUSES = Set.of(PUBLISHED, "draft", SCHEDULED);
    private static final String REPLIES_OPEN = "repliesOpen";
    private static final String PUBLISH_AT = "publishAt";
    private static final String MODERATION = "moderation";
    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private final Commands commands;

    PostController(Commands commands) {
        this.commands = commands;
    }

    /** A post as written; {@code status} and {@code publishAt} count only when it is created. */
    record PostContent(String authorId, String title, String bodyMarkdown, List<String> tags, String canonicalUrl,
            List<Link> relatedLinks, String status, String publishAt) {
    }

    private static Content content(PostContent body) {
        return new Content(body.title(), body.bodyMarkdown(), body.tags(), body.canonicalUrl(), body.relatedLinks());
    }

    record Created(String postId, String slug, long version, String status) {
    }

    record PostVersion(String postId, long version) {
    }

    @PostMapping("/posts")
    Mono<ResponseEntity<Created>> create(@RequestBody PostContent body, ServerWebExchange exchange) {
        AuthorId author = new AuthorId(Fields.present("authorId", body.authorId()));
        String status = body.status() == null ? PUBLISHED : body.status();
        Instant publishAt = instant("publishAt", body.publishAt());
        new Fields().check(STATUSES.contains(status), "status", "must be published, draft or scheduled")
                .check(!status.equals(SCHEDULED) || publishAt != null, "publishAt", "is required to schedule a post")
                .check(status.equals(SCHEDULED) || publishAt == null, "publishAt", "goes only with status scheduled")
                .orThrow();
        PostId id = new PostId(Uuids.random());
        return Requester.of(exchange)
                .flatMap(requester -> commands.<PublishPostResult>send(status.equals(PUBLISHED)
                        ? new PublishPostCommand(id, author, content(body), requester.actor())
                        : new DraftPostCommand(id, author, content(body), publishAt, requester.actor()), requester))
                .map(result -> ResponseEntity.created(URI.create("/posts/" + id))
                        .eTag(etag(result.version()))
                        .body(new Created(id.value(), result.slug(), result.version(), status)));
    }

    /** Publishes a draft or a scheduled post now. */
    @PostMapping("/posts/{postId}/publish")
    Mono<ResponseEntity<PostVersion>> publish(@PathVariable String postId, ServerWebExchange exchange) {
        PostId id = PostId.parse(postId);
        return Requester.of(exchange)
                .flatMap(requester -> commands.<Long>send(new PublishDraftCommand(id, null, requester.actor()), requester))
                .map(version -> answer(id, version));
    }

    @PutMapping("/posts/{postId}")
    Mono<ResponseEntity<PostVersion>> edit(@PathVariable String postId, @RequestBody PostContent body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, ServerWebExchange exchange) {
        PostId id = PostId.parse(postId);
        Long expected = expectedVersion(ifMatch);
        AuthorId author = body.authorId() == null || body.authorId().isBlank() ? null : new AuthorId(body.authorId());
        return Requester.of(exchange)
                .flatMap(requester -> commands.<Long>send(new EditPostCommand(id, author, content(body), expected,
                        requester.actor()), requester))
                .map(version -> answer(id, version));
    }

    /**
     * Changes any of {@code repliesOpen}, {@code moderation} (a mode, or null for the site's)
     * and {@code publishAt}. Each is a command of its own; the answer is the version after the last.
     * {@code publishAt} goes alone; {@code repliesOpen} is sent first, the one refused on a draft,
     * so a refused request stores nothing.
     */
    @PatchMapping("/posts/{postId}")
    Mono<ResponseEntity<PostVersion>> patch(@PathVariable String postId, @RequestBody JsonNode body,
            ServerWebExchange exchange) {
        PostId id = PostId.parse(postId);
        if (!body.isObject() || !(body.has(REPLIES_OPEN) || body.has(PUBLISH_AT) || body.has(MODERATION))) {
            throw Refusal.Invalid.field(REPLIES_OPEN, "is required (true or false), or moderation, or publishAt");
        }
        JsonNode mode = body.get(MODERATION);
        new Fields().check(!body.has(PUBLISH_AT) || !(body.has(REPLIES_OPEN) || body.has(MODERATION)), PUBLISH_AT,
                        "goes alone: replies open when the post is published")
                .check(!body.has(REPLIES_OPEN) || body.get(REPLIES_OPEN).isBoolean(), REPLIES_OPEN,
                        "must be true or false")
                .check(mode == null || mode.isNull() || (mode.isTextual() && Moderation.named(mode.textValue()).isPresent()),
                        MODERATION, "must be open, first-time or all, or null for the site's mode")
                .check(!body.has(PUBLISH_AT) || body.get(PUBLISH_AT).isTextual() || body.get(PUBLISH_AT).isNull(),
                        PUBLISH_AT, "must be an instant such as 2026-12-24T09:00:00Z, or null")
                .orThrow();
        Instant publishAt = body.has(PUBLISH_AT) ? instant(PUBLISH_AT, body.get(PUBLISH_AT).textValue()) : null;
        return Requester.of(exchange).flatMap(requester -> {
            List<Object> changes = new ArrayList<>();
            if (body.has(PUBLISH_AT)) {
                changes.add(new ReschedulePostCommand(id, publishAt, requester.actor()));
            }
            if (body.has(REPLIES_OPEN)) {
                changes.add(body.get(REPLIES_OPEN).booleanValue() ? new OpenRepliesCommand(id, requester.actor())
                        : new CloseRepliesCommand(id, requester.actor()));
            }
            if (mode != null) {
                changes.add(new ModeratePostCommand(id, mode.isNull() ? null : Moderation.of(mode.textValue()),
                        requester.actor()));
            }
            return Flux.fromIterable(changes).concatMap(command -> commands.<Long>send(command, requester)).last();
        }).map(version -> answer(id, version));
    }

    @DeleteMapping("/posts/{postId}")
    Mono<ResponseEntity<Void>> unpublish(@PathVariable String postId, ServerWebExchange exchange) {
        PostId id = PostId.parse(postId);
        return Requester.of(exchange)
                .flatMap(requester -> commands.<Long>send(new UnpublishPostCommand(id, requester.actor()), requester))
                .map(version -> ResponseEntity.noContent().build());
    }

    /** An ISO-8601 instant, when given. */
    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw Refusal.Invalid.field(field, "must be an instant such as 2026-12-24T09:00:00Z");
        }
    }

    private static ResponseEntity<PostVersion> answer(PostId id, long version) {
        return ResponseEntity.ok().eTag(etag(version)).body(new PostVersion(id.value(), version));
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} names; {@code *} or no header asks for none. A value that is
     * not a tag this API gives (a version in quotes) is the client's mistake, not a stale copy.
     */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher m = ETAG.matcher(ifMatch.strip());
        if (!m.matches()) {
            throw Refusal.Invalid.field(HttpHeaders.IF_MATCH, "must be the ETag a read gave, like \"3\", or *");
        }
        return Long.valueOf(m.group(1));
    }

    /** What these operations answer (the OpenAPI document). */
    @Bean
    static ApiAnswers postAnswers() {
        return ApiAnswers.of(t -> {
            t.on("POST", "/posts").answers(201, Created.class).located("/posts/{postId}").refuses(400, 401, 403, 404);
            t.on("PUT", "/posts/{postId}").answers(200, PostVersion.class).refuses(400, 401, 403, 404, 410, 412);
            t.on("PATCH", "/posts/{postId}").answers(200, PostVersion.class).refuses(400, 401, 403, 404, 409);
            t.on("DELETE", "/posts/{postId}").answers(204, null).refuses(401, 403, 404);
            t.on("POST", "/posts/{postId}/publish").answers(200, PostVersion.class).refuses(401, 403, 404, 409, 410);
        });
    }
}
