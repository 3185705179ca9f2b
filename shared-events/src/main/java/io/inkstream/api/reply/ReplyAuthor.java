package io.inkstream.api.reply;

/**
 * The author of the blog who wrote a reply, as the blog knows them: verified by their login, so
 * a reader can tell them from an anonymous commenter who took the same name.
 */
public record ReplyAuthor(String authorId, String displayName) {
}
