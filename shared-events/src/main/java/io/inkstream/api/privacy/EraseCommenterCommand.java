package io.inkstream.api.privacy;

import io.inkstream.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin erases a commenter's personal data: {@code commenter} is who they are to the site (a
 * keyed hash of {@code email}); the email itself finds what was stored before data was sealed,
 * and is stored nowhere.
 */
public record EraseCommenterCommand(@TargetAggregateIdentifier String commenter, String email, Actor actor) {
}
