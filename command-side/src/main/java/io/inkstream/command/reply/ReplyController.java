package io.inkstream.command.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.AddReplyCommand;
import io.inkstream.api.reply.ApproveReplyCommand;
import io.inkstream.api.reply.EditReplyCommand;
import io.inkstream.api.reply.RejectReplyCommand;
import io.inkstream.api.reply.RemoveReplyCommand;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.command.Commands;
import io.inkstream.command.Refusals;
import io.inkstream.command.reply.Reply.Lookups;
import io.inkstream.platform.privacy.CommenterKeys;
import io.inkstream.platform.privacy.Vault;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.platform.web.ClientAddress;
import io.inkstream.platform.web.RequestRefused;
import io.inkstream.platform.web.Requester;
import io.inkstream.platform.web.Uuids;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class ReplyController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private final Commands commands;
    private final FloodControl flood;
    private final ClientAddress clients;
    private final Lookups lookups;
    private final Vault vault;
    private final CommenterKeys keys;

    ReplyController(Commands commands, FloodControl flood, ClientAddress clients, Lookups lookups, Vault vault,
            CommenterKeys keys) {
        this.vault = vault;
        this.keys = keys;
        this.commands = commands;
        this.flood = flood;
        this.clients = clients;
        this.lookups = lookups;
    }

    record NewReply(String body, String authorName, String authorEmail, String authorUrl, String parentReplyId) {
    }

    record Change(String body) {
    }

    /**
     * A reply's place, and whether it is shown ({@code published}), waits for a moderator
     * ({@code pending}, with the reasons) or was rejected.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReplyRef(String replyId, String postId, String status, List<String> reasons) {

        ReplyRef(ReplyId replyId, PostId postId) {
            this(replyId.value(), postId.value(), PUBLISHED, null);
        }

        /** As added: shown, or held for these reasons. */
        static ReplyRef added(ReplyId replyId, PostId postId, List<String> heldFor) {
            return heldFor.isEmpty() ? new ReplyRef(replyId, postId)
                    : new ReplyRef(replyId.value(), postId.value(), PENDING, heldFor);
        }

        ResponseEntity<ReplyRef> answer() {
            return PENDING.equals(status) ? ResponseEntity.accepted().location(location()).body(this)
                    : ResponseEntity.created(location()).body(this);
        }

        private URI location() {
            return URI.create("/posts/" + postId + "/replies/" + replyId);
        }
    }

    static final String PUBLISHED = "published";
    static final String PENDING = "pending";

    @PostMapping("/posts/{postId}/replies")
    Mono<ResponseEntity<ReplyRef>> add(@PathVariable String postId, @RequestBody NewReply body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key, ServerWebExchange exchange) {
        PostId post = PostId.parse(postId);
        if (key != null && !KEY.matcher(key).matches()) {
            throw Refusal.Invalid.field(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        }
        ReplyId parent = parentOf(body.parentReplyId());
        return Requester.of(exchange).flatMap(requester -> {
            String address = clients.of(exchange);
            if (requester.actor().anonymous()) {
                flood.admit(address, exchange.getResponse().getHeaders());
            }
            ReplyId id = key == null ? new ReplyId(Uuids.random())
                    : idFor(caller(requester, address, body.authorName()), post, key);
            AddReplyCommand command = new AddReplyCommand(id, post, parent, body.body(), body.authorName(),
                    body.authorEmail(), body.authorUrl(), requester.actor());
            // The same key again: the reply of the first request stands, and so does its answer,
            // if it asks for the same reply; another reply under a used key is refused.
            Mono<ResponseEntity<ReplyRef>> again = commands.offload(() -> {
                // Opening the first reply's sealed contacts reads their key: blocking, so here.
                Optional<ReplyAdded> first = lookups.added(id);
                return first.isPresent() && !sameReply(first.get(), command, vault) ? Optional.<ReplyRef>empty()
                        : Optional.of(ReplyRef.added(id, post, first.map(ReplyAdded::heldFor).orElse(List.of())));
            }).flatMap(ref -> ref.map(r -> Mono.just(r.answer())).orElseGet(() -> Mono.error(keyReused())));
            return commands.<List<String>>send(command, requester)
                    .map(heldFor -> ReplyRef.added(id, post, heldFor).answer())
                    .onErrorResume(Refusals.ReplyExists.class, e -> again)
                    .onErrorResume(e -> key != null && (e instanceof ConcurrencyException
                            || e instanceof AggregateStreamCreationException), e -> again);
        });
    }

    @PostMapping("/posts/{postId}/replies/{replyId}/approve")
    Mono<ReplyRef> approve(@PathVariable String postId, @PathVariable String replyId, ServerWebExchange exchange) {
        PostId post = PostId.parse(postId);
        ReplyId reply = ReplyId.parse(replyId);
        return decide(exchange, actor -> new ApproveReplyCommand(reply, post, actor)).thenReturn(new ReplyRef(reply, post));
    }

    @PostMapping("/posts/{postId}/replies/{replyId}/reject")
    Mono<ReplyRef> reject(@PathVariable String postId, @PathVariable String replyId, ServerWebExchange exchange) {
        PostId post = PostId.parse(postId);
        ReplyId reply = ReplyId.parse(replyId);
        return decide(exchange, actor -> new RejectReplyCommand(reply, post, actor))
                .thenReturn(new ReplyRef(reply.value(), post.value(), "rejected", null));
    }

    /** A moderator's decision on a held reply, sent as the requester: the aggregate checks who may. */
    private Mono<ReplyId> decide(ServerWebExchange exchange, Function<Actor, Object> decision) {
        return Requester.of(exchange).flatMap(requester -> commands.send(decision.apply(requester.actor()), requester));
    }

    /**
     * Whose key space a request's {@code Idempotency-Key} is in: a login's, or for anonymous
     * callers their address and name, so that one anonymous caller can neither take another's
     * reply for its own nor have its reply dropped for another's.
     */
    static String caller(Requester requester, String address, String authorName) {
        if (!requester.actor().anonymous()) {
            return requester.actor().login();
        }
        String name = authorName == null ? "" : authorName.strip().toLowerCase(java.util.Locale.ROOT);
        return Actor.ANONYMOUS_LOGIN + "\n" + address + "\n" + name;
    }

    /** Whether a request asks for the reply an earlier one added: the same words, place and contacts. */
    static boolean sameReply(ReplyAdded first, AddReplyCommand again, Vault vault) {
        return Objects.equals(first.body(), again.body())
                && Objects.equals(first.parentReplyId(), again.parentReplyId())
                && Objects.equals(vault.open(first.authorEmail()), again.authorEmail())
                && Objects.equals(vault.open(first.authorUrl()), again.authorUrl());
    }


    private static RequestRefused keyReused() {
        return new RequestRefused(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                "This Idempotency-Key was used for another reply: send a new key for a new reply.");
    }

    @PutMapping("/posts/{postId}/replies/{replyId}")
    Mono<ReplyRef> edit(@PathVariable String postId, @PathVariable String replyId, @RequestBody Change body,
            ServerWebExchange exchange) {
        PostId post = PostId.parse(postId);
        ReplyId reply = ReplyId.parse(replyId);
        return Requester.of(exchange)
                .flatMap(requester -> commands.<ReplyId>send(
                        new EditReplyCommand(reply, post, body.body(), requester.actor()), requester))
                .thenReturn(new ReplyRef(reply, post));
    }

    @DeleteMapping("/posts/{postId}/replies/{replyId}")
    Mono<ResponseEntity<Void>> remove(@PathVariable String postId, @PathVariable String replyId,
            ServerWebExchange exchange) {
        PostId post = PostId.parse(postId);
        ReplyId reply = ReplyId.parse(replyId);
        return Requester.of(exchange)
                .flatMap(requester -> commands.<ReplyId>send(
                        new RemoveReplyCommand(reply, post, requester.actor()), requester))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private static ReplyId parentOf(String parentReplyId) {
        if (parentReplyId == null) {
            return null;
        }
        if (parentReplyId.isBlank() || parentReplyId.length() > 100) {
            throw Refusal.Invalid.field("parentReplyId", "must be a reply id");
        }
        return new ReplyId(parentReplyId);
    }

    /**
     * The reply id an idempotent request stands for: the same caller, post and key always give
     * the same id, and the event store stores one reply per id, across restarts too. A keyed
     * hash: an anonymous caller's address and name are in it, and the id must not give them away.
     */
    ReplyId idFor(String caller, PostId post, String key) {
        String name = caller + "\n" + post.value() + "\n" + key;
        return new ReplyId(UUID.nameUUIDFromBytes(keys.hash(name).getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** What these operations answer (the OpenAPI document). */
    @Bean
    static ApiAnswers replyAnswers() {
        return ApiAnswers.of(t -> {
            t.on("POST", "/posts/{postId}/replies").answers(201, ReplyRef.class).alsoAnswers(202, ReplyRef.class)
                    .located("/posts/{postId}/replies").refuses(400, 404, 409, 413, 422, 429);
            t.on("POST", "/posts/{postId}/replies/{replyId}/approve").answers(200, ReplyRef.class)
                    .refuses(401, 403, 404, 409);
            t.on("POST", "/posts/{postId}/replies/{replyId}/reject").answers(200, ReplyRef.class)
                    .refuses(401, 403, 404, 409);
            t.on("PUT", "/posts/{postId}/replies/{replyId}").answers(200, ReplyRef.class).refuses(400, 401, 403, 404);
            t.on("DELETE", "/posts/{postId}/replies/{replyId}").answers(204, null).refuses(401, 403, 404);
        });
    }
}
