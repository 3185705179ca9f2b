package io.inkstream.query.admin;

/** Where a read model's processor stands against the head of the event store. */
public record ProjectionStatus(String name, long position, long headPosition, long lag, boolean replaying,
        double progress) {
}
