package io.inkstream.query.post;

import static io.inkstream.query.ReadModelTesting.one;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.inkstream.query.ReadModelTesting;
import io.inkstream.query.ReadModels;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class TagKeysUpgradeTest {

    @Test
    void pagesStoredWithoutTagKeysGetThemOnceAndNewerOnesAreLeftAlone() {
        MongoDatabase db = ReadModelTesting.freshDatabase();
        var target = ReadModelTesting.collections(db);
        var posts = target.get(ReadModels.POSTS);
        Mono.from(posts.insertMany(List.of(
                new Document("_id", "old").append("slug", "old").append("tags", List.of("Social Learning", "HR")),
                new Document("_id", "untagged").append("slug", "untagged"),
                new Document("_id", "new").append("slug", "new").append("tags", List.of("HR")).append("tagKeys", List.of("kept as written")))))
                .block();

        assertThat(TagKeysUpgrade.upgrade(target)).isEqualTo(2);
        assertThat(one(db, ReadModels.POSTS, "old").getList("tagKeys", String.class)).containsExactly("social learning", "hr");
        assertThat(one(db, ReadModels.POSTS, "untagged").getList("tagKeys", String.class)).isEmpty();
        assertThat(one(db, ReadModels.POSTS, "new").getList("tagKeys", String.class)).containsExactly("kept as written");
        assertThat(TagKeysUpgrade.upgrade(target)).isZero();
    }
}
