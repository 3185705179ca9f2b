package io.inkstream.command;

import io.inkstream.platform.eventstore.MongoEventLog;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Asks the event store whether an aggregate has an event at a sequence number, as cheaply as it can. */
@Component
public class EventLookup {

    private final EventStore events;
    private final MongoEventLog log;

    public EventLookup(EventStore events, EventStorageEngine engine) {
        this.events = events;
        // Ours looks up one key; another engine (axon-mongo, for comparison) reads from there on.
        this.log = engine instanceof MongoEventLog ours ? ours : null;
    }

    public boolean has(String aggregateIdentifier, long sequenceNumber) {
        return log != null ? log.contains(aggregateIdentifier, sequenceNumber)
                : events.readEvents(aggregateIdentifier, sequenceNumber).hasNext();
    }
}
