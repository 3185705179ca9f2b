package io.inkstream.api.violation;

import org.bson.Document;

/** Breaks the walls on purpose, for {@code BoundariesViolationsTest}: never runs. */
record MongoMessage(Document body) {
}
