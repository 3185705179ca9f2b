package io.inkstream.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.inkstream.platform.testing.TestMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens on MongoDB, as the processors store them. axon-mongo takes "no document changed" for
 * "claimed by another node", and storing the same token twice within one millisecond changes
 * nothing: the processor then gave its segment up and waited out the claim (10 s).
 */
class MongoTokensTest {

    MongoClient client;
    MongoTemplate template;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(TestMongo.uri());
        template = DefaultMongoTemplate.builder().mongoDatabase(client, "tokens-" + UUID.randomUUID()).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    DeferringTokenStore tokens(String node) {
        return EventStoreConfig.claimingAs(node, template, JacksonSerializer.defaultSerializer());
    }

    @Test
    void theSameTokenStoredAgainAtOnceIsNoClaimConflict() {
        DeferringTokenStore tokens = tokens("node-1");
        tokens.initializeTokenSegments("threads", 1);
        tokens.fetchToken("threads", 0);
        GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(7);
        Clock clock = AbstractTokenEntry.clock;
        // Axon's own switch for its token clock: both stores fall within one millisecond.
        AbstractTokenEntry.clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        try {
            tokens.storeToken(token, "threads", 0);
            tokens.storeToken(token, "threads", 0);
        } finally {
            AbstractTokenEntry.clock = clock;
        }
        assertThat(tokens.fetchToken("threads", 0)).isEqualTo(token);
    }

    @Test
    void aTokenClaimedByAnotherNodeIsStillAConflict() {
        DeferringTokenStore mine = tokens("node-1");
        mine.initializeTokenSegments("threads", 1);
        tokens("node-2").fetchToken("threads", 0);
        assertThatThrownBy(() -> mine.storeToken(new GlobalSequenceTrackingToken(7), "threads", 0))
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    /** As two application contexts in one JVM (or two pid-1 containers on one host) make them. */
    @Test
    void twoTokenStoresOfOneProcessAreTwoClaimants() {
        TokenStore first = new EventStoreConfig().tokenStore(template, JacksonSerializer.defaultSerializer(), "");
        TokenStore second = new EventStoreConfig().tokenStore(template, JacksonSerializer.defaultSerializer(), "");
        first.initializeTokenSegments("threads", 1);
        first.fetchToken("threads", 0);
        assertThatThrownBy(() -> second.fetchToken("threads", 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    /** node-1's store on a clock the test moves, holding the claim of the threads' one segment. */
    DeferringTokenStore claimingAt(AtomicLong nanos) {
        DeferringTokenStore tokens = new DeferringTokenStore(MongoTokenStore.builder().mongoTemplate(template)
                .serializer(JacksonSerializer.defaultSerializer()).nodeId("node-1").build(),
                (processorName, segment) -> false, nanos::get);
        tokens.initializeTokenSegments("threads", 1);
        tokens.fetchToken("threads", 0);
        return tokens;
    }

    Instant claimedAt() {
        Document entry = template.trackingTokensCollection().find(new Document("processorName", "threads")).first();
        return Instant.ofEpochMilli(entry.getLong("timestamp"));
    }

    @Test
    void aClaimRefreshedMomentsAgoIsNotExtendedBeforeTheNextBatch() {
        AtomicLong nanos = new AtomicLong();
        DeferringTokenStore tokens = claimingAt(nanos);
        Instant claimed = claimedAt();
        // The store stamps claims with the system clock: let it pass the first stamp.
        Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(claimed.plusMillis(1)));
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        tokens.extendClaim("threads", 0);
        assertThat(claimedAt()).isEqualTo(claimed);
        nanos.addAndGet(Duration.ofMillis(600).toNanos());
        tokens.extendClaim("threads", 0);
        assertThat(claimedAt()).isAfter(claimed);
    }

    @Test
    void aClaimLostMomentsAfterItWasRefreshedFailsTheBatchWhenItsTokenIsStored() {
        AtomicLong nanos = new AtomicLong();
        DeferringTokenStore mine = claimingAt(nanos);
        template.trackingTokensCollection().updateOne(new Document("processorName", "threads"),
                new Document("$set", new Document("owner", "node-2")));
        mine.extendClaim("threads", 0);
        assertThatThrownBy(() -> mine.storeToken(new GlobalSequenceTrackingToken(7), "threads", 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> mine.extendClaim("threads", 0)).isInstanceOf(UnableToClaimTokenException.class);
    }
}
