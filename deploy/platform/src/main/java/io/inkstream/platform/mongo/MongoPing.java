package io.inkstream.platform.mongo;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * MongoDB health by {@code ping}, which every server answers; Boot's own check sends
 * {@code hello}, which the embedded server rejects.
 */
@Component("mongoHealthIndicator")
class MongoPing extends AbstractReactiveHealthIndicator {

    private final MongoDatabase database;

    MongoPing(MongoDatabase database) {
        super("MongoDB is not reachable");
        this.database = database;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.from(database.runCommand(new Document("ping", 1)))
                // A timeout cancels the driver's operation, which can wait on its pool's lock:
                // not on Reactor's parallel workers, where waiting is not allowed.
                .timeout(Duration.ofSeconds(3), Schedulers.boundedElastic())
                .map(answer -> builder.up().withDetail("database", database.getName()).build());
    }
}
