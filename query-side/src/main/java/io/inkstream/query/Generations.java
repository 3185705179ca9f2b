package io.inkstream.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Which generation of each read model's collections readers use, and which one projections
 * write. A replay writes a new generation while readers stay on the current one; switching is
 * one update of one document, so every reader moves at once. Kept in {@code read_models} and
 * cached here (re-read every two seconds, so other instances follow a switch), so that finding
 * a collection never waits on I/O.
 */
@Component
public class Generations implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Generations.class);
    public static final String COLLECTION = "read_models";
    static final Duration REFRESH = Duration.ofSeconds(2);

    /** Each read model, by its processing group, and the collections it owns. */
    public static final Map<String, List<String>> READ_MODELS = Map.of(
            ReadModels.POST_GROUP, List.of(ReadModels.POSTS, ReadModels.DRAFTS),
            ReadModels.AUTHOR_GROUP, List.of(ReadModels.AUTHORS),
            ReadModels.THREAD_GROUP, List.of(ReadModels.THREADS, ReadModels.THREAD_PAGES, ReadModels.REPLIES,
                    ReadModels.MODERATION));

    /** The generation readers use, and the one a replay is building, if any. */
    public record State(long active, Long building, long resetHead) {
        static final State INITIAL = new State(0, null, 0);

        long writing() {
            return building != null ? building : active;
        }

        /** Generations only move forward: building one, then reading it. */
        long step() {
            return 2 * active + (building != null ? 1 : 0);
        }
    }

    private final MongoDatabase database;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final AtomicLong switches = new AtomicLong();
    private final Disposable refresher;
    /*
     * Made once: each looks up its read model's generation at every use, so a query handler may
     * ask for them per query without a new object each time.
     */
    private final Generation reading;
    private final Generation writing;

    public Generations(MongoDatabase reactiveMongoDatabase) {
        this.database = reactiveMongoDatabase;
        this.reading = collection -> database.getCollection(name(collection, state(groupOf(collection)).active()));
        this.writing = collection -> database.getCollection(name(collection, state(groupOf(collection)).writing()));
        load().block(ReadModels.WRITE_TIMEOUT);
        // Off Reactor's parallel workers: checking out a pooled connection can wait on a lock.
        this.refresher = Flux.interval(REFRESH, Schedulers.boundedElastic()).onBackpressureDrop().concatMap(tick -> load()
                .onErrorResume(e -> {
                    log.warn("Could not refresh read-model generations: {}", e.toString());
                    return Mono.empty();
                })).subscribe();
    }

    private Mono<Void> load() {
        return Flux.from(database.getCollection(COLLECTION).find()).doOnNext(this::loaded).then();
    }

    /**
     * A state read from the store. Only ever a step forward: a refresh that read the store just
     * before this process switched generations answers after the switch, and taken as it was it
     * sent readers back to the old generation, which is dropped a little later (seen: a post
     * page read as missing during a replay).
     */
    void loaded(Document doc) {
        advance(doc.getString("_id"), new State(doc.get("active", Number.class).longValue(),
                doc.get("building") == null ? null : doc.get("building", Number.class).longValue(),
                doc.get("resetHead") == null ? 0 : doc.get("resetHead", Number.class).longValue()));
    }

    private void advance(String readModel, State next) {
        states.compute(readModel, (name, now) -> {
            State was = now == null ? State.INITIAL : now;
            State kept = next.step() >= was.step() ? next : was;
            if (kept.active() != was.active()) {
                switches.incrementAndGet();
            }
            return kept;
        });
    }

    /** How many times readers moved to another generation here: answers read before are old. */
    public long switches() {
        return switches.get();
    }

    public State state(String readModel) {
        return states.getOrDefault(readModel, State.INITIAL);
    }

    public static String groupOf(String collection) {
        return READ_MODELS.entrySet().stream().filter(e -> e.getValue().contains(collection))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no read model owns " + collection));
    }

    public static String name(String collection, long generation) {
        return generation == 0 ? collection : collection + "_g" + generation;
    }

    /** The collections readers see. */
    public Generation reading() {
        return reading;
    }

    /** The collections projections write: a replay's new generation while one is built. */
    public Generation writing() {
        return writing;
    }

    /** The collections of one generation of a read model. */
    public Generation of(long generation) {
        return collection -> database.getCollection(name(collection, generation));
    }

    /**
     * Starts building the next generation, unless one is being built already.
     * Answers the new state, or empty when a replay is under way.
     */
    public Mono<State> beginBuilding(String readModel, long resetHead) {
        State current = state(readModel);
        if (current.building() != null) {
            return Mono.empty();
        }
        long next = current.active() + 1;
        Document filter = new Document("_id", readModel).append("building", null);
        Document update = new Document("$set", new Document("building", next).append("resetHead", resetHead))
                .append("$setOnInsert", new Document("active", current.active()));
        return Mono.from(database.getCollection(COLLECTION).updateOne(filter, update,
                        new com.mongodb.client.model.UpdateOptions().upsert(true)))
                .then(Mono.fromSupplier(() -> {
                    State state = new State(current.active(), next, resetHead);
                    advance(readModel, state);
                    return state;
                }))
                .onErrorResume(com.mongodb.MongoWriteException.class, e -> Mono.empty());
    }

    /** Makes the built generation the one readers use. */
    public Mono<State> finishBuilding(String readModel) {
        State current = state(readModel);
        if (current.building() == null) {
            return Mono.empty();
        }
        State done = new State(current.building(), null, current.resetHead());
        return Mono.from(database.getCollection(COLLECTION).updateOne(eq("_id", readModel),
                        new Document("$set", new Document("active", done.active()).append("building", null))))
                .then(Mono.fromSupplier(() -> {
                    advance(readModel, done);
                    return done;
                }));
    }

    @Override
    public void destroy() {
        refresher.dispose();
    }
}
