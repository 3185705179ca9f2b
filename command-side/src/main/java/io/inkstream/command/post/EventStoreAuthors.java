package io.inkstream.command.post;

import io.inkstream.api.AuthorId;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** An author exists when its registration event is stored. */
@Component
class EventStoreAuthors implements Authors {

    private final EventStore events;

    EventStoreAuthors(EventStore events) {
        this.events = events;
    }

    @Override
    public boolean exists(AuthorId authorId) {
        return authorId != null && events.lastSequenceNumberFor(authorId.value()).isPresent();
    }
}
