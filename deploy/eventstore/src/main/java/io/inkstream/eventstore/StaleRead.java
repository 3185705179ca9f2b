package io.inkstream.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * An append held to a read ({@link EventLog#expectUnchanged}) found what was read changed since:
 * nothing of it was stored. Transient: the same command, sent again, reads afresh.
 */
public class StaleRead extends EventStoreException {

    public StaleRead(String message) {
        super(message);
    }
}
