package io.inkstream.api.post;

/**
 * What happens to a post before it is published: none of it is public. Public read models
 * never see these events' content; a draft reaches them only as {@link PostPublished}.
 */
public sealed interface DraftEvent extends PostEvent permits PostDrafted, DraftRevised, PostScheduled, PostUnscheduled,
        DraftDiscarded {
}
