package io.inkstream.api.reply;

/**
 * Subscribes to the replies held from now on, on the posts of {@code authorId} (null: on every
 * post, for an admin); its updates are {@link HeldReply}s.
 */
public record FollowModerationQuery(String authorId) {
}
