package io.inkstream.api;

/**
 * Who sends a command, as the edge authenticated it. Aggregates decide with it who may
 * change what; it is carried in commands, never stored in events (metadata holds the login).
 */
public record Actor(String login, boolean admin) {

    public static final String ANONYMOUS_LOGIN = "anonymous";
    public static final Actor ANONYMOUS = new Actor(ANONYMOUS_LOGIN, false);

    public boolean anonymous() {
        return ANONYMOUS_LOGIN.equals(login) && !admin;
    }

    /** True for an admin, or for the login that owns the resource. */
    public boolean mayActAs(String owner) {
        return admin || (!anonymous() && login.equals(owner));
    }
}
