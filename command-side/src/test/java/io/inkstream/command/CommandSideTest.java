package io.inkstream.command;

import io.inkstream.platform.testing.NoBlocking;
import io.inkstream.platform.testing.TestMongo;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The command side on an embedded MongoDB, driven over real HTTP. BlockHound watches every
 * test: no Netty event loop may block. Classes with no settings of their own share one
 * application context (each context costs seconds to start, and to stop at the JVM's exit); a
 * class adds its own with {@code @TestPropertySource}, and gets a context of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"inkstream.admin.password=" + CommandSideTest.ADMIN_PASSWORD,
            // Tests reply far more than a reader may; the limit has its own test (HardeningIT).
            "inkstream.anonymous-reply-limit=100000",
            // The test contexts share one database: only the class that tests the scheduler runs one.
            "inkstream.scheduler.enabled=false"})
@ExtendWith(NoBlocking.Watch.class)
public abstract class CommandSideTest {

    public static final String ADMIN_PASSWORD = "admin-secret";
    public static final String PASSWORD = "s3cret-pass";

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry);
    }

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected EventStore events;

    protected Consumer<HttpHeaders> as(String login) {
        return h -> h.setBasicAuth(login, PASSWORD);
    }

    protected Consumer<HttpHeaders> admin() {
        return h -> h.setBasicAuth("admin", ADMIN_PASSWORD);
    }

    /** The simple names of an aggregate's stored events, in order: from the first, not from a snapshot. */
    protected List<String> payloadTypes(String aggregateId) {
        return events.readEvents(aggregateId, 0).asStream().map(e -> e.getPayloadType().getSimpleName()).toList();
    }
}
