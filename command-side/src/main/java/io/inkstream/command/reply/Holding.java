package io.inkstream.command.reply;

import io.inkstream.api.Actor;
import io.inkstream.api.reply.Moderation;
import io.inkstream.command.reply.Reply.Lookups;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether a new reply waits for a moderator, and why: the site's rules, whatever the mode; then
 * the post's mode, or the site's ({@code INKSTREAM_MODERATION}). Those who moderate a post (its
 * author, an admin) never wait on it.
 */
@Component
class Holding {

    static final String ALL = "moderation: all";
    static final String FIRST_TIME = "moderation: first-time";

    private final Moderation site;
    private final Lookups lookups;
    private final Commenters commenters;

    @Autowired
    Holding(@Value("${inkstream.moderation:open}") String site, Lookups lookups, Commenters commenters) {
        this(Moderation.named(site).orElseThrow(() -> new IllegalArgumentException(
                "INKSTREAM_MODERATION is '" + site + "': it must be open, first-time or all")), lookups, commenters);
    }

    Holding(Moderation site, Lookups lookups, Commenters commenters) {
        this.site = site;
        this.lookups = lookups;
        this.commenters = commenters;
    }

    /** Why the reply waits; empty: it is shown at once. */
    List<String> reasons(Actor actor, Lookups.PostStatus post, String body, String email, String commenter) {
        if (actor.mayActAs(post.authorId().value())) {
            return List.of();
        }
        List<String> reasons = new ArrayList<>(lookups.rules().reasons(body, email));
        switch (Objects.requireNonNullElse(post.moderation(), site)) {
            case ALL -> {
                if (actor.anonymous()) {
                    reasons.add(ALL);
                }
            }
            case FIRST_TIME -> {
                if (!commenters.approved(commenter)) {
                    reasons.add(FIRST_TIME);
                }
            }
            case OPEN -> {
            }
        }
        return reasons;
    }
}
