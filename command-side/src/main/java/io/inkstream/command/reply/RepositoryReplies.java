package io.inkstream.command.reply;

import io.inkstream.api.post.PostId;
import io.inkstream.api.reply.ReplyId;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

@Component
class RepositoryReplies implements Replies {

    private final EventStore events;
    private final Repository<Reply> replies;

    RepositoryReplies(EventStore events, Repository<Reply> replyRepository) {
        this.events = events;
        this.replies = replyRepository;
    }

    @Override
    public boolean exists(ReplyId replyId) {
        return events.lastSequenceNumberFor(replyId.value()).isPresent();
    }

    @Override
    public Optional<PostId> postOf(ReplyId replyId) {
        try {
            return Optional.ofNullable(replies.load(replyId.value()).invoke(Reply::postId));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
