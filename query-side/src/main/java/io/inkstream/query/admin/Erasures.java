package io.inkstream.query.admin;

import io.inkstream.api.ReplyId;
import io.inkstream.api.privacy.CommenterErased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * What an erasure asks of the query side beyond its read models: the dead letters of replies
 * that were stored in clear go, since each holds a copy of what the erasure redacted. Its own
 * processing group, so a read model's queue is never changed by its own processor mid-batch.
 */
@Component
@ProcessingGroup(Erasures.GROUP)
class Erasures {

    static final String GROUP = "erasures";

    private final DeadLetters deadLetters;

    Erasures(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @EventHandler
    void on(CommenterErased erased) {
        if (!erased.redacted().isEmpty()) {
            deadLetters.evict(erased.redacted().stream().map(ReplyId::value).toList());
        }
    }
}
