package io.inkstream.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.inkstream.platform.privacy.CommenterKeys;
import io.inkstream.platform.privacy.Vault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The right of access: everything stored about a commenter, read from the events (the one place
 * that holds all of it), their sealed data opened. Every event is read once; memory holds their
 * replies only.
 */
@Component
class CommenterExport {

    private final AuditLog audit;
    private final CommenterKeys keys;
    private final Vault vault;

    CommenterExport(AuditLog audit, CommenterKeys keys, Vault vault) {
        this.audit = audit;
        this.keys = keys;
        this.vault = vault;
    }

    /** A reply of theirs as it stands now: its words after any edit, and whether it is shown. */
    record Reply(String replyId, String postId, String authorName, String authorEmail, String authorUrl, String body,
            Instant createdAt, String status) {
    }

    record Export(String email, List<Reply> replies) {
    }

    Mono<Export> of(String email) {
        String commenter = keys.of(email);
        Map<String, Reply> found = new LinkedHashMap<>();
        return audit.sealed(new AuditLog.Filter(null, null, null, null, null, 0))
                .doOnNext(line -> {
                    JsonNode event = line.payload();
                    String replyId = text(event, "replyId");
                    if (replyId == null) {
                        return;
                    }
                    if (line.type().equals("ReplyAdded")) {
                        String clearEmail = text(event, "authorEmail");
                        boolean theirs = commenter.equals(text(event, "commenter"))
                                || CommenterKeys.inClear(clearEmail, email);
                        if (theirs) {
                            boolean held = event.hasNonNull("heldFor") && !event.get("heldFor").isEmpty();
                            found.put(replyId, new Reply(replyId, text(event, "postId"),
                                    vault.open(text(event, "authorName")), vault.open(clearEmail),
                                    vault.open(text(event, "authorUrl")), text(event, "body"), line.timestamp(),
                                    held ? "pending" : "published"));
                        }
                        return;
                    }
                    Reply reply = found.get(replyId);
                    if (reply != null) {
                        found.put(replyId, after(reply, line.type(), event));
                    }
                })
                .then(Mono.fromSupplier(() -> new Export(email, new ArrayList<>(found.values()))));
    }

    private static Reply after(Reply reply, String type, JsonNode event) {
        return switch (type) {
            case "ReplyEdited" -> new Reply(reply.replyId(), reply.postId(), reply.authorName(), reply.authorEmail(),
                    reply.authorUrl(), text(event, "body"), reply.createdAt(), reply.status());
            case "ReplyRemoved" -> withStatus(reply, "removed");
            case "ReplyApproved" -> withStatus(reply, "published");
            case "ReplyRejected" -> withStatus(reply, "rejected");
            default -> reply;
        };
    }

    private static Reply withStatus(Reply reply, String status) {
        return new Reply(reply.replyId(), reply.postId(), reply.authorName(), reply.authorEmail(), reply.authorUrl(),
                reply.body(), reply.createdAt(), status);
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
