package io.inkstream.command.reply;

import io.inkstream.api.Actor;

/**
 * The commenters whose replies the first-time mode shows at once: those of whom a moderator has
 * approved a reply. A commenter is named by a key that holds no personal data in clear.
 */
public interface Commenters {

    /** Who wrote a reply, as this set knows them: an author by login, else by email; null without either. */
    String key(Actor actor, String email);

    boolean approved(String key);

    /** Remembers a commenter as approved; again changes nothing. */
    void approve(String key);

    /** Forgets a commenter: erased, they are new to the site. */
    void forget(String key);
}
