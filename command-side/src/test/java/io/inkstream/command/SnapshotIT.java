package io.inkstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.inkstream.eventstore.MongoEventLog;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A post with a long history is snapshotted, and comes back from its snapshot at the right version. */
@TestPropertySource(properties = "inkstream.event-store.snapshot-threshold=3")
class SnapshotIT extends CommandSideTest {

    @Autowired
    MongoDatabase database;

    @Test
    void longHistoryIsSnapshottedAndLoadsAtTheRightVersion() {
        String author = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/authors").headers(admin())
                .bodyValue(Map.of("authorId", author, "displayName", "Snap", "password", "s3cret-pass"))
                .exchange().expectStatus().isCreated();
        String postId = http.post().uri("/posts").headers(as(author))
                .bodyValue(Map.of("authorId", author, "title", "Often edited", "bodyMarkdown", "v1"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("postId").toString();
        for (int version = 1; version <= 6; version++) {
            http.put().uri("/posts/{id}", postId).headers(as(author))
                    .header("If-Match", "\"" + version + "\"")
                    .bodyValue(Map.of("title", "Edit " + version, "bodyMarkdown", "v" + (version + 1)))
                    .exchange().expectStatus().isOk();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                database.getCollection(MongoEventLog.SNAPSHOTS).find(Filters.eq("_id", postId)).first() != null);
        Document snapshot = database.getCollection(MongoEventLog.SNAPSHOTS).find(Filters.eq("_id", postId)).first();
        assertThat(snapshot.get("sequenceNumber", Number.class).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(snapshot.getString("payload")).contains(postId).contains(author);

        // Loaded from the snapshot and the events after it: still at version 7, still its author's.
        http.put().uri("/posts/{id}", postId).headers(as(author))
                .header("If-Match", "\"6\"").bodyValue(Map.of("title", "Stale", "bodyMarkdown", "x"))
                .exchange().expectStatus().isEqualTo(412);
        http.patch().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("repliesOpen", false)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(8);
    }
}
