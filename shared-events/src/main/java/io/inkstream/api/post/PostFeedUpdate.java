package io.inkstream.api.post;

/** A live change in the post feed: {@code kind} is {@code post-published} or {@code post-updated}. */
public record PostFeedUpdate(String kind, PostSummary post) {
}
