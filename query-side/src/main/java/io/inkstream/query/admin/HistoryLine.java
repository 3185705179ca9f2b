package io.inkstream.query.admin;

import java.time.Instant;

/** One event in a post's life: the version it made, and the title the post had then. */
public record HistoryLine(long version, String type, Instant timestamp, String principal, String title) {
}
