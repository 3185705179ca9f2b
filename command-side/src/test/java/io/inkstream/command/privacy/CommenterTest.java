package io.inkstream.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.ReplyId;
import io.inkstream.api.privacy.CommenterErased;
import io.inkstream.api.privacy.EraseCommenterCommand;
import io.inkstream.command.Refused;
import io.inkstream.command.reply.Commenters;
import io.inkstream.platform.testing.PlainVault;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommenterTest {

    static final String JANE = "email:jane";
    static final Actor ADMIN = new Actor("admin", true);
    static final PostId POST = new PostId("p-1");
    static final History.Reply SEALED = new History.Reply(new ReplyId("r-1"), POST, false);
    static final History.Reply CLEAR = new History.Reply(new ReplyId("r-0"), POST, true);

    final PlainVault vault = new PlainVault();
    final List<String> forgotten = new ArrayList<>();
    final List<ReplyId> redacted = new ArrayList<>();
    final List<History.Reply> stored = new ArrayList<>(List.of(CLEAR, SEALED));
    AggregateTestFixture<Commenter> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Commenter.class);
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(new Commenters() {
            @Override
            public String key(Actor actor, String email) {
                return "email:" + email;
            }

            @Override
            public boolean approved(String key) {
                return false;
            }

            @Override
            public void approve(String key) {
            }

            @Override
            public void forget(String key) {
                forgotten.add(key);
            }
        });
        fixture.registerInjectableResource(new History() {
            @Override
            public List<Reply> of(String commenter, String email) {
                return List.copyOf(stored);
            }

            @Override
            public void redact(Reply reply, String commenter) {
                redacted.add(reply.replyId());
                stored.set(stored.indexOf(reply), new Reply(reply.replyId(), reply.postId(), false));
            }
        });
    }

    @Test
    void anErasureDestroysTheKeyNamesTheRepliesAndRedactsThoseStoredInClear() {
        String sealed = vault.seal(JANE, "Jane Hart");
        fixture.givenNoPriorActivity()
                .when(new EraseCommenterCommand(JANE, "jane@example.com", ADMIN))
                .expectEvents(new CommenterErased(JANE, List.of(CLEAR.replyId(), SEALED.replyId()), List.of(POST), List.of(CLEAR.replyId())))
                .expectResultMessagePayload(2L);
        assertThat(vault.open(sealed)).isEqualTo("[erased]");
        assertThat(forgotten).containsExactly(JANE);
        assertThat(redacted).containsExactly(CLEAR.replyId());
    }

    @Test
    void askedAgainItAnswersTheSameStoresNothingAndFinishesWhatWasCutShort() {
        CommenterErased before = new CommenterErased(JANE, List.of(CLEAR.replyId(), SEALED.replyId()), List.of(POST), List.of(CLEAR.replyId()));
        // Cut short after the event was stored, before the redaction: the next erasure does it.
        fixture.given(before)
                .when(new EraseCommenterCommand(JANE, "jane@example.com", ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
        assertThat(redacted).containsExactly(CLEAR.replyId());
        fixture.given(before)
                .when(new EraseCommenterCommand(JANE, "jane@example.com", ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
        assertThat(redacted).as("nothing left in clear").containsExactly(CLEAR.replyId());
    }

    @Test
    void nobodyButAnAdminErases() {
        fixture.givenNoPriorActivity()
                .when(new EraseCommenterCommand(JANE, "jane@example.com", new Actor("jon", false)))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                .expectNoEvents();
        assertThat(forgotten).isEmpty();
    }
}
