package io.inkstream.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.inkstream.platform.testing.TestMongo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.json.JacksonSerializer;
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
        return EventStoreConfig.tokenStore(template, JacksonSerializer.defaultSerializer(), node);
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
}
