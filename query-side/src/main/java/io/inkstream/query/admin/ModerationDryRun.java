package io.inkstream.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.platform.privacy.Vault;
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

    private final Vault vault;

    ModerationDryRun(AuditLog audit, Vault vault) {
        this.audit = audit;
        this.vault = vault;
    }

    Flux<Object> run(ModerationRules rules) {
        return Flux.defer(() -> {
            AtomicLong scanned = new AtomicLong();
            AtomicLong held = new AtomicLong();
            Flux<Object> lines = audit.sealed(new AuditLog.Filter(null, "ReplyAdded", null, null, null, 0))
                    .handle((line, sink) -> {
                        scanned.incrementAndGet();
                        JsonNode reply = line.payload();
                        // An email is opened only when a rule asks for it: each commenter's key is a lookup.
                        String email = rules.blockedEmails().isEmpty() ? null : vault.open(text(reply, "authorEmail"));
                        List<String> reasons = rules.reasons(text(reply, "body"), email);
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
