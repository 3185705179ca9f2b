package io.inkstream.query.thread;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.ReplyView;
import io.inkstream.api.reply.ThreadView;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which live updates a thread snapshot already shows. */
class ThreadControllerTest {

    static final Instant T0 = Instant.parse("2010-01-25T10:00:00Z");

    static ReplyView reply(String id, Instant editedAt, boolean removed, String html, List<ReplyView> answers) {
        return new ReplyView(new ReplyId(id), null, "Jane", null, html, T0, editedAt, removed, 0, answers, null);
    }

    static ThreadView.Update update(String kind, ReplyView reply) {
        return new ThreadView.Update(kind, new PostId("post-1"), reply);
    }

    @Test
    void aReplyAsTheSnapshotHasItIsShownAnyOtherStateIsNot() {
        ReplyView answer = reply("r2", null, false, "<p>Thanks</p>", List.of());
        ReplyView top = reply("r1", T0.plusSeconds(5), false, "<p>Edited</p>", List.of(answer));
        Predicate<ThreadView.Update> shown = ThreadController.shows(new ThreadView(new PostId("post-1"), 2, List.of(top), null));

        assertThat(shown.test(update("reply-added", answer))).as("an answer, as shown").isTrue();
        assertThat(shown.test(update("reply-edited", top))).as("the edit the snapshot has").isTrue();
        assertThat(shown.test(update("reply-edited", reply("r1", T0.plusSeconds(9), false, "<p>Again</p>", List.of()))))
                .as("a later edit").isFalse();
        assertThat(shown.test(update("reply-removed", reply("r2", null, true, "", List.of()))))
                .as("a removal").isFalse();
        assertThat(shown.test(update("reply-added", reply("r3", null, false, "<p>New</p>", List.of()))))
                .as("a reply the snapshot does not have").isFalse();
    }
}
