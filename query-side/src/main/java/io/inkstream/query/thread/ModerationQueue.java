package io.inkstream.query.thread;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.Sorts;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.FollowModerationQuery;
import io.inkstream.api.reply.HeldReply;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the moderation queue: the replies waiting for a moderator, oldest first, each with its
 * post's title, for an admin (every post) or an author (their own posts). Read {@value #CHUNK}
 * at a time, the next only once the reader has taken the last.
 */
@Component
public class ModerationQueue {

    static final int CHUNK = 100;

    private final Generations generations;

    ModerationQueue(Generations generations) {
        this.generations = generations;
    }

    /** A held reply, and the author of its post: who may moderate it besides admins. */
    public record Held(HeldReply reply, String postAuthorId) {
    }

    /** Every held reply, on the posts of {@code authorId} (null: every post). */
    public Flux<HeldReply> pending(String authorId) {
        Generation reads = generations.reading();
        return Flux.from(reads.get(ReadModels.MODERATION).find()
                        .sort(Sorts.ascending("createdAt", "_id")).batchSize(CHUNK))
                .buffer(CHUNK)
                .concatMap(docs -> joined(reads, docs), 1)
                .concatMapIterable(held -> held.stream()
                        .filter(h -> authorId == null || authorId.equals(h.postAuthorId())).map(Held::reply).toList(), 1);
    }

    /** The held replies of these ids, as the queue holds them: for the live stream. */
    public Mono<Map<String, Held>> held(List<String> replyIds) {
        Generation reads = generations.reading();
        return Flux.from(reads.get(ReadModels.MODERATION).find(in("_id", replyIds))).collectList()
                .flatMap(docs -> joined(reads, docs))
                .map(held -> {
                    Map<String, Held> found = new java.util.HashMap<>();
                    held.forEach(h -> found.put(h.reply().replyId().value(), h));
                    return found;
                });
    }

    /** The queue's documents with their posts' titles and authors: one lookup of the posts. */
    private static Mono<List<Held>> joined(Generation reads, List<Document> docs) {
        List<String> postIds = docs.stream().map(d -> d.getString("postId")).distinct().toList();
        return Flux.from(reads.get(ReadModels.POSTS).find(in("_id", postIds))
                        .projection(new Document("title", 1).append("authorId", 1)))
                .collectMap(p -> p.getString("_id"))
                .map(posts -> docs.stream().map(d -> {
                    Document post = posts.getOrDefault(d.getString("postId"), new Document());
                    java.util.Date at = d.getDate("createdAt");
                    return new Held(new HeldReply(new ReplyId(d.getString("_id")), new PostId(d.getString("postId")),
                            post.getString("title"), d.getString("authorName"), d.getString("authorEmail"),
                            d.getString("bodyHtml"), at == null ? null : at.toInstant(),
                            d.getList("reasons", String.class, List.of())), post.getString("authorId"));
                }).toList());
    }

    /** The live queue has no snapshot: it starts now, and its updates carry the replies. */
    @QueryHandler
    CompletableFuture<Instant> handle(FollowModerationQuery query) {
        return CompletableFuture.completedFuture(Instant.now());
    }
}
