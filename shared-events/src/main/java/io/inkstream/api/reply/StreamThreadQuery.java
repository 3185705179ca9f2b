package io.inkstream.api.reply;

/** The replies of a post flattened in thread order, each with its depth. */
public record StreamThreadQuery(String postId) {
}
