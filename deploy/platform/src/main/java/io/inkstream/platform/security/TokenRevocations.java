package io.inkstream.platform.security;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * When each login last revoked its tokens: a token issued then or before is refused. Kept in
 * {@code token_revocations}, one document per login, beside the credentials (a security record,
 * like the password hash, not a domain event). Every side reads it; a side caches what it read
 * for {@link #FRESH}, so a revocation made through another process holds there within that time,
 * and at once in the process that made it.
 */
public class TokenRevocations {

    public static final String COLLECTION = "token_revocations";
    static final Duration FRESH = Duration.ofSeconds(2);

    private final MongoCollection<Document> collection;
    private final Clock clock;
    private final AsyncLoadingCache<String, Optional<Instant>> revoked;

    public TokenRevocations(MongoDatabase database, Clock clock) {
        this.collection = database.getCollection(COLLECTION);
        this.clock = clock;
        this.revoked = Caffeine.newBuilder().expireAfterWrite(FRESH).maximumSize(100_000)
                .buildAsync((login, executor) -> Mono.from(collection.find(Filters.eq("_id", login)).first())
                        .map(d -> Optional.of(d.getDate("before").toInstant()))
                        .defaultIfEmpty(Optional.empty())
                        .toFuture());
    }

    /** Revokes every token of this login issued up to now; answers the instant it holds from. */
    public Mono<Instant> revoke(String login) {
        // Tokens carry their issue time in whole seconds: one issued in this second is revoked too.
        Instant before = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return Mono.from(collection.updateOne(Filters.eq("_id", login), Updates.max("before", Date.from(before)),
                        new UpdateOptions().upsert(true)))
                .doOnSuccess(done -> revoked.synchronous().invalidate(login))
                .thenReturn(before);
    }

    /** Whether a token of this login issued at this instant has been revoked. */
    public Mono<Boolean> revoked(String login, Instant issuedAt) {
        return Mono.fromFuture(revoked.get(login), true)
                .map(before -> before.isPresent() && !issuedAt.isAfter(before.get()));
    }
}
