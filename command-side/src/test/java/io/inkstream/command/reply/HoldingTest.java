package io.inkstream.command.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.command.reply.Reply.Lookups;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The site's mode as INKSTREAM_MODERATION names it. */
class HoldingTest {

    private static final Lookups.PostStatus POST = new Lookups.PostStatus(new AuthorId("jon"), true, false, null);

    private final Lookups lookups = new Lookups() {
        @Override
        public Optional<PostStatus> post(PostId postId) {
            return Optional.of(POST);
        }

        @Override
        public boolean exists(ReplyId replyId) {
            return false;
        }

        @Override
        public Optional<PostId> postOf(ReplyId replyId) {
            return Optional.empty();
        }

        @Override
        public Optional<ReplyAdded> added(ReplyId replyId) {
            return Optional.empty();
        }

        @Override
        public ModerationRules rules() {
            return ModerationRules.NONE;
        }
    };

    private final Commenters commenters = new Commenters() {
        final Set<String> approved = Set.of("email:known@example.com");

        @Override
        public String key(Actor actor, String email) {
            return "email:" + email;
        }

        @Override
        public boolean approved(String key) {
            return approved.contains(key);
        }

        @Override
        public void approve(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forget(String key) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void theSitesModeIsReadFromItsName() {
        Holding firstTime = new Holding("first-time", lookups, commenters);
        assertThat(firstTime.reasons(Actor.ANONYMOUS, POST, "Hi", "new@example.com", "email:new@example.com"))
                .containsExactly(Holding.FIRST_TIME);
        assertThat(firstTime.reasons(Actor.ANONYMOUS, POST, "Hi", "known@example.com", "email:known@example.com"))
                .isEmpty();
        assertThat(new Holding("open", lookups, commenters)
                .reasons(Actor.ANONYMOUS, POST, "Hi", null, null)).isEmpty();
        assertThat(new Holding("all", lookups, commenters)
                .reasons(Actor.ANONYMOUS, POST, "Hi", null, null)).containsExactly(Holding.ALL);
    }

    @Test
    void anUnknownModeStopsTheStartWithWhatIsWrong() {
        assertThatThrownBy(() -> new Holding("strict", lookups, commenters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INKSTREAM_MODERATION is 'strict'");
    }
}
