package io.inkstream.api.reply;

/** A live change in a thread: {@code kind} is {@code reply-added}, {@code reply-edited} or {@code reply-removed}. */
public record ThreadUpdate(String kind, String postId, ReplyView reply) {
}
