package io.inkstream.api.post;

/**
 * A draft or scheduled post, by post id or by slug, as a {@link PostPage} with its status:
 * null when there is none. Who may see it is the asker's to check: its author and admins.
 */
public record FetchDraftQuery(String idOrSlug) {
}
