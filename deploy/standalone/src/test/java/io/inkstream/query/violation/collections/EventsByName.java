package io.inkstream.query.violation.collections;

import io.inkstream.eventstore.MongoEventLog;

/** Names the event store's collection, and nothing else of it, on purpose: never runs. */
class EventsByName {

    String collection() {
        return MongoEventLog.EVENTS;
    }
}
