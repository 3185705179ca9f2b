package io.inkstream.query.thread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.api.reply.ThreadView;
import io.inkstream.platform.testing.TestMongo;
import io.inkstream.query.Generation;
import io.inkstream.query.ReadModelTesting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Reading threads in pages and streams: no read holds a whole long thread at once. */
class ThreadViewsTest {

    static final PostId POST = new PostId("post-1");
    static final Instant T0 = Instant.parse("2010-01-25T10:00:00Z");

    /** Reply documents (those with a body) that MongoDB has sent this client. */
    final AtomicInteger repliesSent = new AtomicInteger();
    MongoClient client;
    ThreadProjection projection;
    ThreadViews views;

    @BeforeEach
    void setUp() {
        CommandListener counter = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                BsonDocument cursor = event.getResponse().getDocument("cursor", null);
                if (cursor == null) {
                    return;
                }
                BsonArray batch = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch")
                        : cursor.getArray("nextBatch", new BsonArray());
                batch.forEach(d -> {
                    if (d.asDocument().containsKey("bodyHtml")) {
                        repliesSent.incrementAndGet();
                    }
                });
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestMongo.uri())).addCommandListener(counter).build());
        Generation collections = ReadModelTesting.collections(
                client.getDatabase("threads-" + UUID.randomUUID().toString().substring(0, 8)));
        projection = new ThreadProjection(collections, true, new io.inkstream.platform.testing.PlainVault());
        views = new ThreadViews(collections);
    }

    @AfterEach
    void close() {
        client.close();
    }

    /** Replies r-{from}.. in one tracking batch, each answering {@code parent} (top level when null). */
    void replies(int from, int count, String parent, String body) {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        for (int i = from; i < from + count; i++) {
            projection.on(new ReplyAdded(new ReplyId("r-" + i), POST, parent == null ? null : new ReplyId(parent),
                    body, "R" + i, null, null, null, java.util.List.of(), null), 1, T0.plusSeconds(i));
        }
        batch.commit();
    }

    @Test
    void pagesFollowTheCursorInReadingOrder() {
        replies(0, 3, null, "Top");
        replies(3, 2, "r-0", "Answer"); // reading order: r-0, r-3, r-4, r-1, r-2
        ThreadView first = views.page(POST, null, 2, false).block();
        assertThat(first.replyCount()).isEqualTo(5);
        assertThat(first.replies()).extracting(r -> r.replyId().value()).containsExactly("r-0");
        assertThat(first.replies().get(0).replies()).extracting(r -> r.replyId().value()).containsExactly("r-3");
        ThreadView second = views.page(POST, first.nextCursor(), 2, false).block();
        // r-4's parent is on the first page: it stands at the top of this one, naming its parent.
        assertThat(second.replies())
                .extracting(r -> r.replyId().value(), r -> r.parentReplyId() == null ? null : r.parentReplyId().value())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r-4", "r-0"),
                        org.assertj.core.groups.Tuple.tuple("r-1", null));
        ThreadView last = views.page(POST, second.nextCursor(), 2, false).block();
        assertThat(last.replies()).extracting(r -> r.replyId().value()).containsExactly("r-2");
        assertThat(last.nextCursor()).isNull();
        assertThatThrownBy(() -> views.page(POST, ThreadCursor.encode("nobody"), 2, false).block())
                .isInstanceOf(Refusal.Invalid.class);
    }

    /**
     * A thousand replies of the longest body, each with HTML four times its size: 50 MB, more
     * than one MongoDB answer may carry. Pages, streams and the whole thread (time travel) are
     * read in parts and all come back.
     */
    @Test
    void aThreadLargerThanOneMongoAnswerIsReadInParts() {
        String body = "<".repeat(10_000); // past the limits: shown as escaped text, 40 KB of HTML
        for (int from = 0; from < 1_000; from += 100) {
            replies(from, 100, null, body);
        }
        ThreadView page = views.page(POST, null, 500, false).block(Duration.ofSeconds(60));
        assertThat(page.replies()).hasSize(500);
        assertThat(page.replies().get(0).bodyHtml()).hasSizeGreaterThan(40_000);
        assertThat(views.flat(POST, false).count().block(Duration.ofSeconds(60))).isEqualTo(1_000);
        assertThat(views.thread(POST).block(Duration.ofSeconds(60)).replies()).hasSize(1_000);
    }

    /** A reader that takes one reply has made MongoDB send one chunk of them, not the thread. */
    @Test
    void aStreamReadsRepliesOnlyAsItsReaderTakesThem() {
        for (int from = 0; from < 1_000; from += 100) {
            replies(from, 100, null, "Reply");
        }
        List<String> taken = new ArrayList<>();
        repliesSent.set(0);
        StepVerifier.create(views.flat(POST, false), 1)
                .consumeNextWith(r -> taken.add(r.replyId().value()))
                .thenAwait(Duration.ofMillis(300))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertThat(taken).containsExactly("r-0");
        assertThat(repliesSent.get()).isLessThanOrEqualTo(2 * ThreadViews.CHUNK);
        repliesSent.set(0);
        assertThat(views.flat(POST, false).count().block()).isEqualTo(1_000);
        assertThat(repliesSent.get()).isEqualTo(1_000);
    }
}
