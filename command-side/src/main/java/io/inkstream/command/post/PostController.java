package io.inkstream.command.post;

import io.inkstream.api.AuthorId;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import io.inkstream.api.post.CloseRepliesCommand;
import io.inkstream.api.post.EditPostCommand;
import io.inkstream.api.post.OpenRepliesCommand;
import io.inkstream.api.post.PublishPostCommand;
import io.inkstream.api.post.PublishPostResult;
import io.inkstream.api.post.UnpublishPostCommand;
import io.inkstream.command.Commands;
import io.inkstream.command.Fields;
import io.inkstream.platform.web.Requester;
import io.inkstream.platform.web.Uuids;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import reactor.core.publisher.Mono;

@RestController
class PostController {

    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private final Commands commands;

    PostController(Commands commands) {
        this.commands = commands;
    }

    record PostContent(String authorId, String title, String bodyMarkdown, List<String> tags, String canonicalUrl,
            List<Link> relatedLinks) {
    }

    record ReplyPolicy(Boolean repliesOpen) {
    }

    record Published(String postId, String slug, long version) {
    }

    record PostVersion(String postId, long version) {
    }

    @PostMapping("/posts")
    Mono<ResponseEntity<Published>> publish(@RequestBody PostContent body, ServerWebExchange exchange) {
        AuthorId author = new AuthorId(Fields.present("authorId", body.authorId()));
        PostId id = new PostId(Uuids.random());
        return Requester.of(exchange)
                .flatMap(requester -> commands.<PublishPostResult>send(new PublishPostCommand(id,
                        author, body.title(), body.bodyMarkdown(), body.tags(),
                        body.canonicalUrl(), body.relatedLinks(), requester.actor()), requester))
                .map(result -> ResponseEntity.created(URI.create("/posts/" + id))
                        .eTag(etag(result.version()))
                        .body(new Published(id.value(), result.slug(), result.version())));
    }

    @PutMapping("/posts/{postId}")
    Mono<ResponseEntity<PostVersion>> edit(@PathVariable String postId, @RequestBody PostContent body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, ServerWebExchange exchange) {
        PostId id = PostId.parse(postId);
        Long expected = expectedVersion(ifMatch);
        return Requester.of(exchange)
                .flatMap(requester -> commands.<Long>send(new EditPostCommand(id, body.title(), body.bodyMarkdown(),
                        body.tags(), body.canonicalUrl(), body.relatedLinks(), expected, requester.actor()), requester))
                .map(version -> answer(id, version));
    }

    @PatchMapping("/posts/{postId}")
    Mono<ResponseEntity<PostVersion>> replyPolicy(@PathVariable String postId, @RequestBody ReplyPolicy body,
            ServerWebExchange exchange) {
        PostId id = PostId.parse(postId);
        boolean open = Fields.present("repliesOpen", body.repliesOpen(), "is required (true or false)");
        return Requester.of(exchange)
                .flatMap(requester -> commands.<Long>send(open
                        ? new OpenRepliesCommand(id, requester.actor())
                        : new CloseRepliesCommand(id, requester.actor()), requester))
                .map(version -> answer(id, version));
    }

    @DeleteMapping("/posts/{postId}")
    Mono<ResponseEntity<Void>> unpublish(@PathVariable String postId, ServerWebExchange exchange) {
        PostId id = PostId.parse(postId);
        return Requester.of(exchange)
                .flatMap(requester -> commands.<Long>send(new UnpublishPostCommand(id, requester.actor()), requester))
                .map(version -> ResponseEntity.noContent().build());
    }

    private static ResponseEntity<PostVersion> answer(PostId id, long version) {
        return ResponseEntity.ok().eTag(etag(version)).body(new PostVersion(id.value(), version));
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} names; {@code *} or no header asks for none. A value that
     * names no version can match none, so it is answered as stale.
     */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher m = ETAG.matcher(ifMatch.strip());
        return m.matches() ? Long.valueOf(m.group(1)) : Long.valueOf(-1);
    }
}
