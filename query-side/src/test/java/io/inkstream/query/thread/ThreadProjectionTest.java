package io.inkstream.query.thread;

import static io.inkstream.query.ReadModelTesting.all;
import static io.inkstream.query.ReadModelTesting.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.api.reply.ReplyEdited;
import io.inkstream.api.reply.ReplyRemoved;
import io.inkstream.api.reply.ReplyView;
import io.inkstream.api.reply.ThreadView;
import io.inkstream.platform.testing.PlainVault;
import io.inkstream.query.ReadModelTesting;
import io.inkstream.query.ReadModels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ThreadProjectionTest {

    static final PostId POST = new PostId("post-1");
    static final ReplyId R1 = new ReplyId("r1");
    static final ReplyId R2 = new ReplyId("r2");
    static final ReplyId R3 = new ReplyId("r3");
    static final Instant T0 = Instant.parse("2010-01-25T10:00:00Z");

    final MongoDatabase db = ReadModelTesting.freshDatabase();
    final ThreadViews views = new ThreadViews(ReadModelTesting.collections(db));
    ThreadProjection projection = projection(db, false);

    /** The thread read model's documents, by collection. */
    static Map<String, List<Document>> readModel(MongoDatabase db) {
        return Map.of(ReadModels.REPLIES, all(db, ReadModels.REPLIES), ReadModels.THREADS, all(db, ReadModels.THREADS),
                ReadModels.THREAD_PAGES, all(db, ReadModels.THREAD_PAGES));
    }

    /** The thread projection over a database's read models; {@code batched} as its processor runs it. */
    static ThreadProjection projection(MongoDatabase db, boolean batched) {
        return new ThreadProjection(ReadModelTesting.collections(db), batched, new PlainVault());
    }

    static ReplyAdded added(ReplyId id, ReplyId parent, String name, String body) {
        return new ReplyAdded(id, POST, parent, body, name, null, null, null, java.util.List.of(), null);
    }

    void history() {
        projection.on(added(R1, null, "Jane Hart", "Agree that practitioners need it."), 1, T0);
        projection.on(added(R2, R1, "Jon Ingham", "Thanks Jane"), 1, T0.plusSeconds(60));
        projection.on(added(R3, null, "A reader in HR", "So why *would* someone read a blog?"), 1, T0.plusSeconds(120));
        projection.on(new ReplyEdited(R3, POST, "Edited: why **would** anyone?"), 2, T0.plusSeconds(180));
        projection.on(new ReplyRemoved(R1, POST, "admin"), 2, T0.plusSeconds(240));
    }

    @Test
    void repliesNestUnderTheirParentsOldestFirst() {
        projection.on(added(R1, null, "Jane Hart", "Agree"), 1, T0);
        projection.on(added(R2, R1, "Jon Ingham", "Thanks Jane"), 1, T0.plusSeconds(60));
        projection.on(added(R3, null, "Reader", "Why?"), 1, T0.plusSeconds(120));
        ThreadView thread = views.thread(POST).block();
        assertThat(thread.replyCount()).isEqualTo(3);
        assertThat(thread.replies()).extracting(r -> r.replyId().value()).containsExactly("r1", "r3");
        ReplyView answer = thread.replies().get(0).replies().get(0);
        assertThat(answer.replyId()).isEqualTo(new ReplyId("r2"));
        assertThat(answer.parentReplyId()).isEqualTo(new ReplyId("r1"));
        assertThat(answer.depth()).isEqualTo(1);
        assertThat(one(db, ReadModels.THREADS, "post-1").get("replyCount", Number.class).longValue()).isEqualTo(3);
    }

    @Test
    void threadsDeeperThanFiftyLevelsAreShownFlattenedAtTheLastLevel() {
        ReplyId parent = null;
        for (int i = 0; i < 55; i++) {
            ReplyId id = new ReplyId("deep-" + i);
            projection.on(added(id, parent, "R" + i, "Level " + i), 1, T0.plusSeconds(i));
            parent = id;
        }
        ReplyView level = views.thread(POST).block().replies().get(0);
        int levels = 1;
        while (!level.replies().isEmpty()) {
            assertThat(level.replies()).hasSizeLessThanOrEqualTo(5);
            level = level.replies().get(0);
            levels++;
        }
        assertThat(levels).isEqualTo(ThreadLayout.MAX_DEPTH + 1);
        List<ReplyView> flat = views.flat(POST, false).collectList().block();
        assertThat(flat).hasSize(55);
        assertThat(flat).extracting(ReplyView::depth).allMatch(d -> d <= ThreadLayout.MAX_DEPTH);
        assertThat(flat.get(54).parentReplyId()).isEqualTo(new ReplyId("deep-53"));
        assertThat(flat.get(54).depth()).isEqualTo(ThreadLayout.MAX_DEPTH);
    }

    @Test
    void editRendersTheNewBody() {
        history();
        Document r3 = one(db, ReadModels.REPLIES, "r3");
        assertThat(r3.getString("bodyHtml")).contains("<strong>would</strong>");
        assertThat(r3.getDate("editedAt").toInstant()).isEqualTo(T0.plusSeconds(180));
    }

    @Test
    void removedReplyStaysAsAPlaceholderWithItsAnswers() {
        history();
        ThreadView thread = views.thread(POST).block();
        ReplyView removed = thread.replies().get(0);
        assertThat(removed.removed()).isTrue();
        assertThat(removed.authorName()).isNull();
        assertThat(removed.bodyHtml()).isEmpty();
        assertThat(removed.replies()).extracting(r -> r.replyId().value()).containsExactly("r2");
        assertThat(thread.replyCount()).isEqualTo(2);
        assertThat(one(db, ReadModels.THREADS, "post-1").get("replyCount", Number.class).longValue()).isEqualTo(2);
    }

    @Test
    void flatThreadIsInReadingOrderWithDepths() {
        history();
        List<ReplyView> flat = views.flat(POST, false).collectList().block();
        assertThat(flat).extracting(r -> r.replyId().value()).containsExactly("r1", "r2", "r3");
        assertThat(flat).extracting(ReplyView::depth).containsExactly(0, 1, 0);
        assertThat(flat).allSatisfy(r -> assertThat(r.replies()).isEmpty());
    }

    @Test
    void everyEventHandledTwiceGivesTheSameReadModel() {
        history();
        Map<String, List<Document>> once = readModel(db);
        history();
        projection.on(added(R1, null, "Jane Hart", "Agree that practitioners need it."), 1, T0);
        assertThat(readModel(db)).isEqualTo(once);
    }

    @Test
    void oneBatchStoresWhatEventByEventStoresAndOnlyWhenItCommits() {
        history();
        Map<String, List<Document>> eventByEvent = readModel(db);
        MongoDatabase batchedDb = ReadModelTesting.freshDatabase();
        projection = projection(batchedDb, true);
        for (int delivery = 1; delivery <= 2; delivery++) {
            // The second delivery is a redelivery of the same batch: it must change nothing.
            DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
            history();
            if (delivery == 1) {
                assertThat(all(batchedDb, ReadModels.REPLIES)).isEmpty();
            }
            batch.commit();
            assertThat(readModel(batchedDb)).isEqualTo(eventByEvent);
        }
    }

    @Test
    void answersFindTheirParentsInEarlierBatchesAndInTheirOwn() {
        projection = projection(db, true);
        DefaultUnitOfWork<?> first = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("first"));
        projection.on(added(R1, null, "Jane", "Top"), 1, T0);
        first.commit();
        DefaultUnitOfWork<?> second = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("second"));
        projection.on(added(R2, R1, "Jon", "Answer to a stored parent"), 1, T0.plusSeconds(1));
        projection.on(added(R3, R2, "Ann", "Answer to a parent in this batch"), 1, T0.plusSeconds(2));
        second.commit();
        ReplyView top = views.thread(POST).block().replies().get(0);
        assertThat(top.replyId()).isEqualTo(new ReplyId("r1"));
        assertThat(top.replies()).extracting(r -> r.replyId().value(), ReplyView::depth).containsExactly(tuple("r2", 1));
        assertThat(top.replies().get(0).replies()).extracting(r -> r.replyId().value(), ReplyView::depth)
                .containsExactly(tuple("r3", 2));
        assertThat(one(db, ReadModels.THREADS, "post-1").get("replyCount", Number.class).longValue()).isEqualTo(3);
    }

    /** Adds {@code count} top-level replies r-{from}.. in one tracking batch. */
    void batchOfReplies(int from, int count) {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        for (int i = from; i < from + count; i++) {
            projection.on(added(new ReplyId("r-" + i), null, "R" + i, "Reply " + i), 1, T0.plusSeconds(i));
        }
        batch.commit();
    }

    static List<String> ids(int from, int count) {
        return java.util.stream.IntStream.range(from, from + count).mapToObj(i -> "r-" + i).toList();
    }

    long replyCount() {
        return one(db, ReadModels.THREADS, "post-1").get("replyCount", Number.class).longValue();
    }

    @Test
    void aLongThreadIsKeptInFullPagesAndReadsBackInOrder() {
        projection = projection(db, true);
        batchOfReplies(0, 30);
        batchOfReplies(30, 100); // fills the first page and spills into the second
        batchOfReplies(130, 120);
        assertThat(views.flat(POST, false).map(r -> r.replyId().value()).collectList().block()).isEqualTo(ids(0, 250));
        assertThat(all(db, ReadModels.THREAD_PAGES))
                .extracting(p -> p.getInteger("page"), p -> p.getList("replyIds", String.class).size())
                .containsExactlyInAnyOrder(tuple(0, 100), tuple(1, 100), tuple(2, 50));
        assertThat(one(db, ReadModels.THREADS, "post-1").getInteger("lastPage")).isEqualTo(2);
        assertThat(replyCount()).isEqualTo(250);
        // Adding a reply rewrites its page only: the thread's document stays small however long the thread.
        assertThat(one(db, ReadModels.THREADS, "post-1").toJson().length()).isLessThan(200);
    }

    @Test
    void aBatchRedeliveredAfterOnlyPartOfItWasStoredPlacesEachReplyOnce() {
        projection = projection(db, true);
        batchOfReplies(0, 90);
        Document threadBefore = one(db, ReadModels.THREADS, "post-1");
        batchOfReplies(90, 30);
        List<Document> pages = all(db, ReadModels.THREAD_PAGES);
        List<Document> replies = all(db, ReadModels.REPLIES);
        Document thread = one(db, ReadModels.THREADS, "post-1");
        // Stored whole, but not its token: its first replies are on a page before the one the thread names last.
        batchOfReplies(90, 30);
        assertThat(all(db, ReadModels.THREAD_PAGES)).isEqualTo(pages);
        assertThat(one(db, ReadModels.THREADS, "post-1")).isEqualTo(thread);
        var threads = db.getCollection(ReadModels.THREADS);
        // Stored up to the replies, not the thread's document (written last): it still names page 0.
        reactor.core.publisher.Mono.from(threads.replaceOne(new Document("_id", "post-1"), threadBefore)).block();
        batchOfReplies(90, 30);
        assertThat(all(db, ReadModels.THREAD_PAGES)).isEqualTo(pages);
        assertThat(one(db, ReadModels.THREADS, "post-1")).isEqualTo(thread);
        // Stored up to the pages only: no reply document says the batch was placed.
        reactor.core.publisher.Mono.from(threads.replaceOne(new Document("_id", "post-1"), threadBefore)).block();
        reactor.core.publisher.Mono.from(db.getCollection(ReadModels.REPLIES)
                .deleteMany(new Document("_id", new Document("$in", ids(90, 30))))).block();
        batchOfReplies(90, 30);
        assertThat(all(db, ReadModels.THREAD_PAGES)).isEqualTo(pages);
        assertThat(all(db, ReadModels.REPLIES)).isEqualTo(replies);
        assertThat(one(db, ReadModels.THREADS, "post-1")).isEqualTo(thread);
        assertThat(views.flat(POST, false).map(r -> r.replyId().value()).collectList().block()).isEqualTo(ids(0, 120));
    }

    @Test
    void removalsAloneKeepTheCount() {
        projection = projection(db, true);
        batchOfReplies(0, 120);
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        projection.on(new ReplyRemoved(new ReplyId("r-3"), POST, "admin"), 2, T0.plusSeconds(500));
        projection.on(new ReplyRemoved(new ReplyId("r-110"), POST, "admin"), 2, T0.plusSeconds(501));
        projection.on(new ReplyRemoved(new ReplyId("r-3"), POST, "admin"), 2, T0.plusSeconds(502));
        batch.commit();
        assertThat(replyCount()).isEqualTo(118);
        assertThat(views.thread(POST).block().replyCount()).isEqualTo(118);
        batchOfReplies(120, 1);
        assertThat(replyCount()).isEqualTo(119);
    }

    @Test
    void aPostsReplyEventsShareOneSequence() {
        var policy = ThreadProcessing.policy();
        Object first = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(added(R1, null, "A", "x")));
        Object answer = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(added(R2, R1, "B", "y")));
        Object removal = policy.getSequenceIdentifierFor(
                GenericEventMessage.asEventMessage(new ReplyRemoved(R1, POST, "admin")));
        Object elsewhere = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new ReplyAdded(R3, new io.inkstream.api.PostId("post-2"), null, "z", "C", null, null, null, java.util.List.of(), null)));
        assertThat(answer).isEqualTo(first);
        assertThat(removal).isEqualTo(first);
        assertThat(elsewhere).isNotEqualTo(first);
    }
}
