package io.inkstream.command.author;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.inkstream.api.AuthorId;
import io.inkstream.api.Version;
import io.inkstream.api.author.AuthorProfileUpdated;
import io.inkstream.api.author.AuthorRegistered;
import io.inkstream.api.author.RegisterAuthorCommand;
import io.inkstream.api.author.UpdateAuthorProfileCommand;
import io.inkstream.command.Fields;
import io.inkstream.command.Refusals;
import java.util.Objects;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
class Author {

    static final Pattern AUTHOR_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    /** Principals the blog itself acts as, in every event's metadata: no author may be one. */
    static final java.util.Set<String> RESERVED = java.util.Set.of("admin", "anonymous", "system");
    static final int NAME_MAX = 100;
    static final int BIO_MAX = 5_000;
    static final int CONTACT_MAX = 2_000;

    @AggregateIdentifier
    private AuthorId authorId;
    private String displayName;
    private String bio;
    private String contact;
    private long version;

    Author() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(RegisterAuthorCommand command, Logins logins) {
        if (!command.actor().admin()) {
            throw Refusals.notTheOwner("Only an admin registers authors.");
        }
        registration(command.authorId().value(), command.displayName(), command.bio(), command.contact()).orThrow();
        logins.claim(command.authorId(), command.passwordHash());
        apply(new AuthorRegistered(command.authorId(), command.displayName().strip(), command.bio(), command.contact()));
        return version;
    }

    /**
     * A registration's fields, every one checked: the HTTP layer asks before it hashes a
     * password (and adds the password's own rule), the handler again for any other sender.
     */
    static Fields registration(String authorId, String displayName, String bio, String contact) {
        boolean given = authorId != null && !authorId.isBlank();
        return new Fields()
                .check(given, "authorId", "is required")
                .matches("authorId", given ? authorId : null, AUTHOR_ID,
                        "must be 2 to 63 lowercase letters, digits or '-', starting with a letter or digit")
                .check(!given || !RESERVED.contains(authorId), "authorId", "is a name the blog keeps for itself")
                .required("displayName", displayName, NAME_MAX)
                .optional("bio", bio, BIO_MAX)
                .optional("contact", contact, CONTACT_MAX);
    }

    @CommandHandler
    long handle(UpdateAuthorProfileCommand command) {
        if (!command.actor().mayActAs(authorId.value())) {
            throw Refusals.notTheOwner("Only the author itself or an admin may change this profile.");
        }
        new Fields()
                .optional("displayName", command.displayName(), NAME_MAX)
                .check(command.bio() == null || command.bio().length() <= BIO_MAX, "bio",
                        "must be at most " + BIO_MAX + " characters")
                .check(command.contact() == null || command.contact().length() <= CONTACT_MAX, "contact",
                        "must be at most " + CONTACT_MAX + " characters")
                .orThrow();
        String name = command.displayName() != null ? command.displayName().strip() : displayName;
        String newBio = command.bio() != null ? emptyToNull(command.bio()) : bio;
        String newContact = command.contact() != null ? emptyToNull(command.contact()) : contact;
        if (Objects.equals(name, displayName) && Objects.equals(newBio, bio) && Objects.equals(newContact, contact)) {
            return version;
        }
        apply(new AuthorProfileUpdated(authorId, name, newBio, newContact));
        return version;
    }

    /** An empty string clears an optional field. */
    private static String emptyToNull(String value) {
        return value.isBlank() ? null : value;
    }

    @EventSourcingHandler
    void on(AuthorRegistered event, @Version long version) {
        authorId = event.authorId();
        displayName = event.displayName();
        bio = event.bio();
        contact = event.contact();
        this.version = version;
    }

    @EventSourcingHandler
    void on(AuthorProfileUpdated event, @Version long version) {
        displayName = event.displayName();
        bio = event.bio();
        contact = event.contact();
        this.version = version;
    }
}
