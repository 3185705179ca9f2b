package io.inkstream.command.violation;

import io.inkstream.embedded.EmbeddedMongo;
import io.inkstream.query.ReadModels;

/** Breaks the walls on purpose, for {@code BoundariesViolationsTest}: never runs. */
class Reaching {

    Class<?> reachAcross() {
        return ReadModels.class;
    }

    Class<?> embed() {
        return EmbeddedMongo.class;
    }
}
