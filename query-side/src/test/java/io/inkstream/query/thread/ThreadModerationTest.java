package io.inkstream.query.thread;

import static io.inkstream.query.ReadModelTesting.all;
import static io.inkstream.query.ReadModelTesting.one;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.api.reply.ReplyApproved;
import io.inkstream.api.reply.ReplyEdited;
import io.inkstream.api.reply.ReplyRejected;
import io.inkstream.api.reply.ReplyRemoved;
import io.inkstream.api.reply.ReplyView;
import io.inkstream.api.reply.ThreadView;
import io.inkstream.query.ReadModelTesting;
import io.inkstream.query.ReadModels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Held replies in the thread read model: unseen until approved, then in their place; the queue. */
class ThreadModerationTest {

    static final PostId POST = ThreadProjectionTest.POST;
    static final ReplyId TOP = new ReplyId("top");
    static final ReplyId HELD = new ReplyId("held");
    static final ReplyId ANSWER = new ReplyId("answer");
    static final ReplyId LATER = new ReplyId("later");
    static final Instant T0 = ThreadProjectionTest.T0;
    static final List<String> FIRST_TIME = List.of("moderation: first-time");

    final MongoDatabase db = ReadModelTesting.freshDatabase();
    final ThreadViews views = new ThreadViews(ReadModelTesting.collections(db));
    ThreadProjection projection = ThreadProjectionTest.projection(db, false);

    static ReplyAdded added(ReplyId id, ReplyId parent, List<String> heldFor) {
        return new ReplyAdded(id, POST, parent, "Body of " + id, "Name of " + id, id + "@example.com", null, null,
                heldFor, "email:" + id);
    }

    /** A shown reply, a held one after it, an answer to the held one (not held itself), a later shown one. */
    void history() {
        projection.on(added(TOP, null, List.of()), 1, T0);
        projection.on(added(HELD, null, FIRST_TIME), 1, T0.plusSeconds(1));
        projection.on(added(ANSWER, HELD, List.of()), 1, T0.plusSeconds(2));
        projection.on(added(LATER, null, List.of()), 1, T0.plusSeconds(3));
    }

    List<String> shown() {
        return views.flat(POST, false).map(r -> r.replyId().value()).collectList().block();
    }

    long replyCount() {
        return one(db, ReadModels.THREADS, POST.value()).get("replyCount", Number.class).longValue();
    }

    @Test
    void aHeldReplyAndTheAnswersUnderItAreInNoPublicAnswerNorCount() {
        history();
        assertThat(shown()).containsExactly("top", "later");
        ThreadView thread = views.page(POST, null, 100, false).block();
        assertThat(thread.replyCount()).isEqualTo(2);
        assertThat(thread.replies()).extracting(ReplyView::status).containsOnlyNulls();
        assertThat(replyCount()).isEqualTo(2);
        assertThat(views.newest(POST, 50).block()).extracting(r -> r.replyId().value()).containsExactly("later", "top");
        assertThat(views.replies(List.of("held", "answer")).block().values()).noneMatch(ThreadViews.Versioned::shown);
    }

    @Test
    void itsModeratorsSeeAHeldReplyWithItsStatusInItsPlace() {
        history();
        ThreadView thread = views.page(POST, null, 100, true).block();
        assertThat(thread.replies()).extracting(r -> r.replyId().value(), ReplyView::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("top", "published"),
                        org.assertj.core.groups.Tuple.tuple("held", "pending"),
                        org.assertj.core.groups.Tuple.tuple("later", "published"));
        assertThat(thread.replies().get(1).replies()).extracting(r -> r.replyId().value()).containsExactly("answer");
        assertThat(thread.replyCount()).as("the count is the public's").isEqualTo(2);
    }

    @Test
    void approvalShowsTheReplyInItsPlaceWithTheAnswersThatWaitedForIt() {
        history();
        projection.on(new ReplyApproved(HELD, POST, null, "jon", "email:held"), 2);
        assertThat(shown()).containsExactly("top", "held", "answer", "later");
        assertThat(replyCount()).isEqualTo(4);
        assertThat(one(db, ReadModels.REPLIES, "held").getList("released", String.class)).containsExactly("answer");
        assertThat(all(db, ReadModels.MODERATION)).isEmpty();
    }

    @Test
    void anAnswerHeldItselfWaitsForItsOwnApprovalAndAnApprovedOneForItsParent() {
        projection.on(added(HELD, null, FIRST_TIME), 1, T0);
        projection.on(added(ANSWER, HELD, FIRST_TIME), 1, T0.plusSeconds(1));
        projection.on(new ReplyApproved(ANSWER, POST, HELD, "jon", null), 2);
        assertThat(shown()).as("approved, but under a reply still waiting").isEmpty();
        projection.on(new ReplyApproved(HELD, POST, null, "jon", null), 2);
        assertThat(shown()).containsExactly("held", "answer");
        assertThat(replyCount()).isEqualTo(2);
    }

    @Test
    void aRejectedReplyIsNeverShownNorAreTheAnswersUnderIt() {
        history();
        projection.on(new ReplyRejected(HELD, POST, "jon"), 2);
        assertThat(shown()).containsExactly("top", "later");
        assertThat(replyCount()).isEqualTo(2);
        assertThat(views.page(POST, null, 100, true).block().replies()).extracting(r -> r.replyId().value())
                .containsExactly("top", "later");
        assertThat(all(db, ReadModels.MODERATION)).isEmpty();
    }

    @Test
    void aWaitingAnswerRemovedBeforeItsParentIsApprovedShowsAsAPlaceholder() {
        history();
        projection.on(new ReplyRemoved(ANSWER, POST, "admin"), 2, T0.plusSeconds(10));
        assertThat(replyCount()).isEqualTo(2);
        projection.on(new ReplyApproved(HELD, POST, null, "jon", null), 2);
        List<ReplyView> flat = views.flat(POST, false).collectList().block();
        assertThat(flat).extracting(r -> r.replyId().value()).containsExactly("top", "held", "answer", "later");
        assertThat(flat.get(2).removed()).isTrue();
        assertThat(replyCount()).isEqualTo(3);
    }

    @Test
    void theQueueHoldsEachHeldReplyWithItsReasonsUntilADecision() {
        history();
        List<Document> queue = all(db, ReadModels.MODERATION);
        assertThat(queue).extracting(d -> d.getString("_id")).containsExactly("held");
        assertThat(queue.get(0).getList("reasons", String.class)).isEqualTo(FIRST_TIME);
        assertThat(queue.get(0).getString("authorEmail")).isEqualTo("held@example.com");
        projection.on(new ReplyEdited(HELD, POST, "Second *thoughts*"), 2, T0.plusSeconds(9));
        assertThat(one(db, ReadModels.MODERATION, "held").getString("bodyHtml")).contains("<em>thoughts</em>");
    }

    @Test
    void aDeliveryCutShortBeforeTheQueueWasWrittenQueuesTheReplyWhenRedelivered() {
        projection.on(added(HELD, null, FIRST_TIME), 1, T0);
        reactor.core.publisher.Mono.from(db.getCollection(ReadModels.MODERATION).drop()).block();
        projection.on(added(HELD, null, FIRST_TIME), 1, T0);
        assertThat(all(db, ReadModels.MODERATION)).extracting(d -> d.getString("_id")).containsExactly("held");
    }

    @Test
    void everyEventHandledTwiceOrInOneBatchTwiceGivesTheSameReadModel() {
        Runnable all = () -> {
            history();
            projection.on(new ReplyApproved(HELD, POST, null, "jon", null), 2);
            projection.on(added(new ReplyId("spam"), null, List.of("blockedWords: casino")), 1, T0.plusSeconds(5));
            projection.on(new ReplyRejected(new ReplyId("spam"), POST, "jon"), 2);
        };
        all.run();
        Map<String, List<Document>> once = ThreadProjectionTest.readModel(db);
        all.run();
        assertThat(ThreadProjectionTest.readModel(db)).isEqualTo(once);
        MongoDatabase batchedDb = ReadModelTesting.freshDatabase();
        projection = ThreadProjectionTest.projection(batchedDb, true);
        for (int delivery = 1; delivery <= 2; delivery++) {
            DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
            all.run();
            batch.commit();
            assertThat(ThreadProjectionTest.readModel(batchedDb)).isEqualTo(once);
            assertThat(all(batchedDb, ReadModels.MODERATION)).isEmpty();
        }
    }
}
