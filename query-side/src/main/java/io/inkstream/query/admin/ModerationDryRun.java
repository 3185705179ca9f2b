package io.inkstream.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.inkstream.api.reply.ModerationRules;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Proposed moderation rules tried on every reply ever added, from the event store: what they
 * would have held, and why. It reads the store a window at a time as the client takes the lines
 * (the audit log's reading), holds one window, and writes nothing.
 */
@Component
class ModerationDryRun {

    /** A reply the rules would have held. */
    record Held(String replyId, String postId, Instant createdAt, List<String> reasons) {
    }

    /** The last line: how many replies were tried, how many would have been held. */
    record Summary(long scanned, long held) {
    }

    private final AuditLog audit;

    ModerationDryRun(AuditLog audit) {
        this.audit = audit;
    }

    Flux<Object> run(ModerationRules rules) {
        return Flux.defer(() -> {
            AtomicLong scanned = new AtomicLong();
            AtomicLong held = new AtomicLong();
            Flux<Object> lines = audit.read(new AuditLog.Filter(null, "ReplyAdded", null, null, null, 0))
                    .handle((line, sink) -> {
                        scanned.incrementAndGet();
                        JsonNode reply = line.payload();
                        List<String> reasons = rules.reasons(text(reply, "body"), text(reply, "authorEmail"));
                        if (!reasons.isEmpty()) {
                            held.incrementAndGet();
                            sink.next(new Held(text(reply, "replyId"), text(reply, "postId"), line.timestamp(), reasons));
                        }
                    });
            return Flux.concat(lines, Mono.fromSupplier(() -> new Summary(scanned.get(), held.get())));
        });
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
