package io.inkstream.query.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkstream.api.Refusal;
import io.inkstream.api.post.PostPage;
import io.inkstream.api.reply.ChangeModerationRulesCommand;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.eventstore.EventLog;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.query.Live;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Everything under {@code /admin}; security lets only ADMIN in. */
@RestController
class AdminController {

    static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

    private final Projections projections;
    private final AuditLog audit;
    private final PostHistory history;
    private final DeadLetters deadLetters;
    private final EventLog eventLog;
    private final ModerationDryRun dryRun;
    private final CommenterExport export;
    /** One verification at a time: each reads the whole store. */
    private final java.util.concurrent.atomic.AtomicBoolean verifying = new java.util.concurrent.atomic.AtomicBoolean();

    AdminController(Projections projections, AuditLog audit, PostHistory history, DeadLetters deadLetters,
            EventLog eventLog, ModerationDryRun dryRun, CommenterExport export) {
        this.dryRun = dryRun;
        this.export = export;
        this.projections = projections;
        this.audit = audit;
        this.history = history;
        this.deadLetters = deadLetters;
        this.eventLog = eventLog;
    }

    /** Recomputes every hash chain of the event store from its first event. */
    @GetMapping("/admin/events/verify")
    Mono<EventLog.Verification> verify() {
        return Mono.defer(() -> {
            if (!verifying.compareAndSet(false, true)) {
                return Mono.error(new Refusal.Conflict("verification-running",
                        "A verification of the event store is running; ask again when it is done."));
            }
            return Mono.fromCallable(eventLog::verify).subscribeOn(Schedulers.boundedElastic())
                    .doFinally(signal -> verifying.set(false));
        });
    }

    @GetMapping("/admin/dead-letters")
    Mono<List<DeadLetters.Entry>> deadLetters() {
        return deadLetters.list();
    }

    @PostMapping("/admin/dead-letters/{name}/retry")
    Mono<DeadLetters.Retried> retry(@PathVariable String name) {
        return deadLetters.retry(name);
    }

    @GetMapping("/admin/projections")
    Flux<ProjectionStatus> projections() {
        return projections.all();
    }

    @PostMapping("/admin/projections/{name}/replay")
    Mono<ResponseEntity<ProjectionStatus>> replay(@PathVariable String name) {
        return projections.replay(name).map(status -> ResponseEntity.status(HttpStatus.ACCEPTED).body(status));
    }

    /** The status; as server-sent events, progress until the read model has caught up. */
    @GetMapping("/admin/projections/{name}")
    Mono<ResponseEntity<?>> projection(@PathVariable String name, ServerWebExchange exchange) {
        if (!Live.asks(exchange, MediaType.TEXT_EVENT_STREAM)) {
            return projections.statusLater(name).map(ResponseEntity::ok);
        }
        return projections.statusLater(name).map(first -> ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .body(progress(name, first)));
    }

    private Flux<ServerSentEvent<Object>> progress(String name, ProjectionStatus first) {
        long started = System.nanoTime();
        return Flux.concat(Mono.just(first), Flux.interval(PROGRESS_EVERY).concatMap(tick -> projections.statusLater(name)))
                .takeUntil(status -> !status.replaying())
                .map(status -> {
                    double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
                    double rate = Math.max(0, status.position() - first.position()) / seconds;
                    long remaining = Math.max(0, status.headPosition() - status.position());
                    Double eta = rate > 0 ? remaining / rate : null;
                    Map<String, Object> data = new java.util.LinkedHashMap<>();
                    data.put("name", status.name());
                    data.put("position", status.position());
                    data.put("headPosition", status.headPosition());
                    data.put("replaying", status.replaying());
                    data.put("progress", status.progress());
                    data.put("eventsPerSecond", Math.round(rate * 10) / 10.0);
                    data.put("secondsLeft", eta);
                    return Live.event(status.replaying() ? "progress" : "caught-up", data);
                });
    }

    @GetMapping(value = "/admin/events", produces = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Flux<AuditLine>> events(@RequestParam(required = false) String aggregateId,
            @RequestParam(required = false) String type, @RequestParam(required = false) String principal,
            @RequestParam(required = false) String since, @RequestParam(required = false) String until,
            @RequestParam(required = false) Long after, @RequestParam(required = false) Long limit) {
        if (limit != null && limit < 1) {
            throw Refusal.Invalid.field("limit", "must be at least 1");
        }
        Flux<AuditLine> lines = audit.read(new AuditLog.Filter(aggregateId, type, principal, instant("since", since),
                instant("until", until), after == null ? 0 : after));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON)
                .body(limit == null ? lines : lines.take(limit));
    }

    /**
     * The site's moderation rules as the last change left them, read from its events (a handful
     * in a site's life); none before the first change. Changing them is a command.
     */
    @GetMapping("/admin/moderation/rules")
    Mono<Object> rules() {
        return audit.read(new AuditLog.Filter(ChangeModerationRulesCommand.SITE, null, null, null, null, -1))
                .filter(line -> line.payload() != null && line.payload().has("rules"))
                .map(line -> (Object) line.payload().get("rules"))
                .last(ModerationRules.NONE);
    }

    /** The right of access: everything stored about the commenter with this email. */
    @GetMapping("/admin/commenters")
    Mono<CommenterExport.Export> commenter(@RequestParam(required = false) String email) {
        if (email == null || email.isBlank() || email.length() > 254 || !email.contains("@")) {
            throw Refusal.Invalid.field("email", "is required: the commenter's email");
        }
        return export.of(email);
    }

    /**
     * What proposed rules would have held among every reply ever added, as NDJSON, then a line
     * {@code {scanned, held}}. Streams as the client reads; changes nothing.
     */
    @PostMapping(value = "/admin/moderation/rules/dry-run",
            produces = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Flux<Object>> dryRun(@RequestBody ModerationRules rules) {
        if (!rules.problems().isEmpty()) {
            throw new Refusal.Invalid(rules.problems());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON).body(dryRun.run(rules));
    }

    @GetMapping("/admin/posts/{postId}/history")
    Mono<List<HistoryLine>> history(@PathVariable String postId) {
        return history.history(postId);
    }

    @GetMapping("/admin/posts/{postId}")
    Mono<ObjectNode> asItStood(@PathVariable String postId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long version, @RequestParam(required = false) String include) {
        if (asOf == null && version == null) {
            throw Refusal.Invalid.field("asOf", "give asOf (an instant) or version");
        }
        if (asOf != null && version != null) {
            throw Refusal.Invalid.field("version", "give asOf or version, not both");
        }
        if (version != null && version < 1) {
            throw Refusal.Invalid.field("version", "must be at least 1");
        }
        return history.asItStood(postId, instant("asOf", asOf), version, "replies".equals(include));
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Refusal.Invalid.field(field, "must be an ISO-8601 instant, like 2026-01-31T12:00:00Z");
        }
    }

    /** What these operations answer (the OpenAPI document); every one needs ADMIN. */
    @Bean
    static ApiAnswers adminAnswers() {
        return ApiAnswers.of(t -> {
            t.on("GET", "/admin/projections").answers(200, List.of(ProjectionStatus.class)).refuses(401, 403);
            t.on("POST", "/admin/projections/{name}/replay").answers(202, ProjectionStatus.class)
                    .refuses(401, 403, 404, 409);
            t.on("GET", "/admin/projections/{name}").answers(200, ProjectionStatus.class)
                    .events("progress, until caught up").refuses(401, 403, 404);
            t.on("GET", "/admin/events").answers(200, List.of(AuditLine.class)).ndjson(AuditLine.class)
                    .refuses(400, 401, 403);
            t.on("GET", "/admin/events/verify").answers(200, EventLog.Verification.class).refuses(401, 403);
            t.on("GET", "/admin/posts/{postId}/history").answers(200, List.of(HistoryLine.class))
                    .refuses(401, 403, 404);
            t.on("GET", "/admin/posts/{postId}").answers(200, PostPage.class).refuses(400, 401, 403, 404);
            t.on("GET", "/admin/moderation/rules").answers(200, ModerationRules.class).refuses(401, 403);
            t.on("POST", "/admin/moderation/rules/dry-run").answers(200, null).ndjson(ModerationDryRun.Held.class)
                    .refuses(400, 401, 403);
            t.on("GET", "/admin/dead-letters").answers(200, List.of(DeadLetters.Entry.class)).refuses(401, 403);
            t.on("POST", "/admin/dead-letters/{name}/retry").answers(200, DeadLetters.Retried.class)
                    .refuses(401, 403, 404);
            t.on("GET", "/admin/commenters").answers(200, CommenterExport.Export.class).refuses(400, 401, 403);
        });
    }
}
