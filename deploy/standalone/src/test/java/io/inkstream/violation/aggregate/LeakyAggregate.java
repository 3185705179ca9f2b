package io.inkstream.violation.aggregate;

import io.inkstream.platform.web.RequestRefused;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.http.HttpStatus;

/**
 * Breaks a wall on purpose, for {@code BoundariesViolationsTest}: never runs, and stands outside
 * the packages an application scans.
 */
@Aggregate
class LeakyAggregate {

    Object refuse() {
        return new RequestRefused(HttpStatus.CONFLICT, "leak", "An aggregate that speaks HTTP.");
    }
}
