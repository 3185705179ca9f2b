package io.inkstream.api.reply;

/** The comment thread of a post, nested; its subscription updates are {@link ThreadUpdate}s. */
public record FetchThreadQuery(String postId) {
}
