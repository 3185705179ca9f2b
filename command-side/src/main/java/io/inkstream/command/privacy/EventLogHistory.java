package io.inkstream.command.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.eventstore.EventLog;
import io.inkstream.platform.privacy.CommenterKeys;
import io.inkstream.platform.privacy.Vault;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Finds a commenter's replies by reading every event, a window at a time: erasure is rare, and
 * the events are the one place that holds all of it, those stored in clear included (no read
 * model is trusted to). Memory holds one window and what was found.
 */
@Component
class EventLogHistory implements History {

    static final int WINDOW = 1_000;
    private static final String[] PERSONAL = {"authorName", "authorEmail", "authorUrl"};

    private final EventLog log;
    private final ObjectMapper json = new ObjectMapper();

    EventLogHistory(EventLog log) {
        this.log = log;
    }

    @Override
    public List<Reply> of(String commenter, String email) {
        List<Reply> found = new ArrayList<>();
        long head = log.head();
        for (long from = 1; from <= head; from += WINDOW) {
            for (EventLog.StoredEvent event : log.window(from, WINDOW)) {
                if (!event.payloadType().equals(ReplyAdded.class.getName())) {
                    continue;
                }
                JsonNode reply = read(event.payload());
                boolean sealedForThem = commenter.equals(text(reply, "commenter"));
                boolean clearForThem = !sealedForThem && CommenterKeys.inClear(text(reply, "authorEmail"), email);
                if (sealedForThem || clearForThem) {
                    found.add(new Reply(new ReplyId(text(reply, "replyId")), new PostId(text(reply, "postId")), clearForThem));
                }
            }
        }
        return found;
    }

    @Override
    public void redact(Reply reply, String commenter) {
        List<EventLog.StoredEvent> stored = log.stream(reply.replyId().value(), 0, 1);
        if (stored.isEmpty()) {
            return;
        }
        ObjectNode payload = (ObjectNode) read(stored.get(0).payload());
        for (String field : PERSONAL) {
            if (payload.hasNonNull(field)) {
                payload.put(field, Vault.ERASED);
            }
        }
        String redacted = payload.toString();
        if (!redacted.equals(stored.get(0).payload())) {
            log.redact(reply.replyId().value(), 0, redacted, "erasure of " + commenter);
        }
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored reply is not JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
