package io.inkstream.command;

import io.inkstream.eventstore.EventLog;
import org.springframework.stereotype.Component;

/** Asks the event store whether an aggregate has an event at a sequence number: one key looked up. */
@Component
public class EventLookup {

    private final EventLog log;

    public EventLookup(EventLog log) {
        this.log = log;
    }

    public boolean has(String aggregateIdentifier, long sequenceNumber) {
        return log.contains(aggregateIdentifier, sequenceNumber);
    }
}
