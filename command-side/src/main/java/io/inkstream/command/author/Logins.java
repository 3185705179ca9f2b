package io.inkstream.command.author;

import io.inkstream.api.AuthorId;

/**
 * The set of logins. Claiming one is how an author id is reserved: the claim is atomic, so of
 * two registrations of one id at the same moment exactly one succeeds.
 */
public interface Logins {

    /** Stores the login with its password hash, or refuses it as taken ({@code Refusals.authorIdTaken}). */
    void claim(AuthorId authorId, String passwordHash);

    /** Whether this is a login of the blog: an author's, or one the blog keeps for itself. */
    boolean taken(String login);
}
