package io.inkstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.command.CommandSideApplication;
import io.inkstream.platform.testing.TestMongo;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** axon-mongo's engine stays selectable, for benchmarks that compare both in one run. */
@SpringBootTest(classes = {CommandSideApplication.class, AxonMongoEngine.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"inkstream.admin.password=admin-secret", "inkstream.event-store.engine=axon-mongo"})
class AxonMongoEngineIT {

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> TestMongo.uri().replace("/inkstream", "/axon-engine"));
    }

    @Autowired
    WebTestClient http;

    @Autowired
    EventStorageEngine engine;

    @Test
    void commandsWorkOnAxonMongosEngineWhenSelected() {
        assertThat(engine).isInstanceOf(MongoEventStorageEngine.class);
        String author = "axon-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/authors").headers(h -> h.setBasicAuth("admin", "admin-secret"))
                .bodyValue(Map.of("authorId", author, "displayName", "A", "password", "s3cret-pass"))
                .exchange().expectStatus().isCreated();
        http.post().uri("/posts").headers(h -> h.setBasicAuth(author, "s3cret-pass"))
                .bodyValue(Map.of("authorId", author, "title", "On axon-mongo", "bodyMarkdown", "x"))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.version").isEqualTo(1);
    }
}
