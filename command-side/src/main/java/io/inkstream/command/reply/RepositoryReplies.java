package io.inkstream.command.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.eventstore.EventLog;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** A reply's first event says all these checks need: no aggregate load, no snapshot read. */
@Component
class RepositoryReplies implements Replies {

    private final EventStore events;
    private final EventLog log;

    RepositoryReplies(EventStore events, EventLog log) {
        this.events = events;
        this.log = log;
    }

    @Override
    public boolean exists(ReplyId replyId) {
        return log.contains(replyId.value(), 0);
    }

    @Override
    public Optional<PostId> postOf(ReplyId replyId) {
        return added(replyId).map(ReplyAdded::postId);
    }

    @Override
    public Optional<ReplyAdded> added(ReplyId replyId) {
        DomainEventStream stream = events.readEvents(replyId.value(), 0);
        if (stream.hasNext() && stream.next().getPayload() instanceof ReplyAdded added) {
            return Optional.of(added);
        }
        return Optional.empty();
    }
}
