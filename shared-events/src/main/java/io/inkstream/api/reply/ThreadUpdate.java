package io.inkstream.api.reply;

import io.inkstream.api.PostId;

/** A live change in a thread: {@code kind} is {@code reply-added}, {@code reply-edited} or {@code reply-removed}. */
public record ThreadUpdate(String kind, PostId postId, ReplyView reply) {
}
