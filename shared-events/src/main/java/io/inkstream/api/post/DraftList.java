package io.inkstream.api.post;

import java.util.List;

/** One page of an author's drafts; {@code nextCursor} is null on the last page. */
public record DraftList(List<DraftSummary> items, String nextCursor) {
}
