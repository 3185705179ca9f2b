package io.inkstream.eventstore.violation;

import org.springframework.stereotype.Component;

/** Breaks the walls on purpose, for {@code BoundariesViolationsTest}: never runs. */
@Component
class WebEventStore {
}
