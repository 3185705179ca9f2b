package io.inkstream.command.author;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.Refusal;
import io.inkstream.api.author.AuthorProfileUpdated;
import io.inkstream.api.author.AuthorRegistered;
import io.inkstream.api.author.RegisterAuthorCommand;
import io.inkstream.api.author.UpdateAuthorProfileCommand;
import io.inkstream.command.Refusals;
import io.inkstream.command.Refused;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorTest {

    private static final AuthorId JON = new AuthorId("jon-ingham");
    private static final Actor ADMIN = new Actor("admin", true);
    private static final Actor JON_HIMSELF = new Actor("jon-ingham", false);

    private final Map<String, String> logins = new HashMap<>();
    private AggregateTestFixture<Author> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Author.class);
        fixture.registerInjectableResource(new Logins() {
            @Override
            public void claim(AuthorId id, String hash) {
                if (logins.putIfAbsent(id.value(), hash) != null) {
                    throw Refusals.authorIdTaken(id);
                }
            }

            @Override
            public boolean taken(String login) {
                return logins.containsKey(login);
            }
        });
    }

    private static RegisterAuthorCommand register(AuthorId id, String name, Actor actor) {
        return new RegisterAuthorCommand(id, name, "$2a$hash", "A bio", "jon [at] example", actor);
    }

    @Test
    void adminRegistersAnAuthorAndItsLogin() {
        fixture.givenNoPriorActivity()
                .when(register(JON, "Jon Ingham", ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AuthorRegistered(JON, "Jon Ingham", "A bio", "jon [at] example"))
                .expectResultMessagePayload(1L);
        assertThat(logins).containsEntry("jon-ingham", "$2a$hash");
    }

    @Test
    void onlyAnAdminRegistersAuthors() {
        fixture.givenNoPriorActivity()
                .when(register(JON, "Jon Ingham", JON_HIMSELF))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                .expectNoEvents();
        assertThat(logins).isEmpty();
    }

    @Test
    void takenAuthorIdIsRejected() {
        logins.put("jon-ingham", "other");
        fixture.givenNoPriorActivity()
                .when(register(JON, "Jon Ingham", ADMIN))
                .expectException(Refused.by(Refusal.Conflict.class, "author-id-taken"))
                .expectNoEvents();
    }

    @Test
    void malformedAuthorIdAndMissingNameAreFieldErrors() {
        fixture.givenNoPriorActivity()
                .when(register(new AuthorId("Jon Ingham!"), " ", ADMIN))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectExceptionMessage("2 fields are invalid.")
                .expectNoEvents();
        assertThat(logins).isEmpty();
    }

    @Test
    void authorUpdatesItsOwnProfile() {
        fixture.given(new AuthorRegistered(JON, "Jon Ingham", "A bio", "contact"))
                .when(new UpdateAuthorProfileCommand(JON, null, "A new bio", null, JON_HIMSELF))
                .expectEvents(new AuthorProfileUpdated(JON, "Jon Ingham", "A new bio", "contact"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void anotherAuthorMayNotChangeTheProfile() {
        fixture.given(new AuthorRegistered(JON, "Jon Ingham", "A bio", "contact"))
                .when(new UpdateAuthorProfileCommand(JON, "Mallory", null, null, new Actor("mallory", false)))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                .expectNoEvents();
    }

    @Test
    void anUnchangedProfileStoresNothing() {
        fixture.given(new AuthorRegistered(JON, "Jon Ingham", "A bio", "contact"))
                .when(new UpdateAuthorProfileCommand(JON, "Jon Ingham", "A bio", null, ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void tooLongDisplayNameIsAFieldError() {
        fixture.given(new AuthorRegistered(JON, "Jon Ingham", "A bio", "contact"))
                .when(new UpdateAuthorProfileCommand(JON, "x".repeat(101), null, null, ADMIN))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectNoEvents();
    }
}
