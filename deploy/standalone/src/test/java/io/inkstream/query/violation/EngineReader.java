package io.inkstream.query.violation;

import io.inkstream.command.Refusals;
import io.inkstream.eventstore.MongoEventLog;

/** Breaks the walls on purpose, for {@code BoundariesViolationsTest}: never runs. */
class EngineReader {

    Class<?> engine() {
        return MongoEventLog.class;
    }

    Class<?> reachAcross() {
        return Refusals.class;
    }
}
