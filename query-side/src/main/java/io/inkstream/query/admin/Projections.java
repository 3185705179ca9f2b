package io.inkstream.query.admin;

import io.inkstream.api.Refusal;
import io.inkstream.eventstore.EventLog;
import io.inkstream.query.FeedMarks;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModelIndexes;
import io.inkstream.query.ReadModels;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The read models' processors: their status, and replays. A replay resets one processor's
 * token and has it write a new generation of its collections while readers stay on the
 * current one; once it has caught up with the head as it was at the reset, readers are
 * switched in one update, and the old collections are dropped a little later (readers on
 * other instances follow the switch within seconds).
 */
@Component
public class Projections implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Projections.class);
    static final Duration WATCH = Duration.ofMillis(250);

    private final EventProcessingConfiguration processing;
    private final EventLog eventLog;
    private final Generations generations;
    private final com.mongodb.reactivestreams.client.MongoDatabase database;
    private final FeedMarks marks;
    /** How long readers on other instances get to follow a switch before the old collections go. */
    private final Duration dropAfter;
    private final Disposable watcher;
    private final Disposable lagMeter;
    private final java.util.Map<String, Gauges> gauges = new java.util.concurrent.ConcurrentHashMap<>();

    /** A read model's figures as last read, for scrapes that must not wait for MongoDB. */
    private static final class Gauges {
        volatile long lag;
        volatile double progress = 1.0;
        volatile long deadLetters;
    }
    /** Whether the processor has been seen replaying since the rebuild began: until then its status may be stale. */
    private final java.util.Map<String, Boolean> replayObserved = new java.util.concurrent.ConcurrentHashMap<>();

    public Projections(EventProcessingConfiguration processing, EventLog eventLog,
            Generations generations, FeedMarks marks, com.mongodb.reactivestreams.client.MongoDatabase reactiveMongoDatabase,
            io.micrometer.core.instrument.MeterRegistry meters,
            @Value("${inkstream.replay.drop-after:10s}") Duration dropAfter) {
        this.database = reactiveMongoDatabase;
        this.marks = marks;
        this.dropAfter = dropAfter;
        // Lag, replay progress and dead letters as metrics, refreshed every 2 s off the event
        // loop: a scrape must not wait for MongoDB.
        for (String name : Generations.READ_MODELS.keySet()) {
            Gauges figures = gauges.computeIfAbsent(name, n -> new Gauges());
            io.micrometer.core.instrument.Gauge.builder("inkstream.projection.lag", figures, g -> g.lag)
                    .description("Events stored but not yet in this read model")
                    .tag("projection", name).register(meters);
            io.micrometer.core.instrument.Gauge.builder("inkstream.projection.replay.progress", figures, g -> g.progress)
                    .description("How far a rebuild from the first event has come, 0 to 1; 1 when none runs")
                    .tag("projection", name).register(meters);
            io.micrometer.core.instrument.Gauge.builder("inkstream.projection.dead.letters", figures, g -> g.deadLetters)
                    .description("Events parked because this read model's handler could not apply them")
                    .tag("projection", name).register(meters);
        }
        this.lagMeter = Flux.interval(Duration.ofSeconds(2), Schedulers.boundedElastic()).onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(names()).concatMap(this::statusLater)
                        .doOnNext(status -> {
                            Gauges figures = gauges.get(status.name());
                            figures.lag = status.lag();
                            figures.progress = status.replaying() ? status.progress() : 1.0;
                            figures.deadLetters = processing.deadLetterQueue(status.name())
                                    .map(queue -> queue.size()).orElse(0L);
                        })
                        .onErrorResume(e -> Mono.empty()), 1)
                .subscribe();
        this.processing = processing;
        this.eventLog = eventLog;
        this.generations = generations;
        this.watcher = Flux.interval(WATCH, Schedulers.boundedElastic()).onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(names()).concatMap(this::finishIfCaughtUp)
                        .onErrorResume(e -> {
                            log.warn("Replay watcher: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    static Refusal unknown(String name) {
        return new Refusal.NotFound("unknown-projection", "read model", name, "No read model is called '" + name + "'.");
    }

    public List<String> names() {
        return Generations.READ_MODELS.keySet().stream().sorted().toList();
    }

    private TrackingEventProcessor processor(String name) {
        if (!Generations.READ_MODELS.containsKey(name)) {
            throw unknown(name);
        }
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> unknown(name));
    }

    /** The status of one read model; blocking (it asks the store for its head), so call it off the event loop. */
    public ProjectionStatus status(String name) {
        TrackingEventProcessor processor = processor(name);
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        long head = head();
        long position = position(segments).orElse(0);
        Generations.State state = generations.state(name);
        // Axon also marks a new processor's first catch-up as a replay; only rebuilds count here.
        boolean replaying = state.building() != null;
        double progress;
        if (!replaying) {
            progress = 1.0;
        } else {
            progress = state.resetHead() <= 0 ? 0.0 : Math.min(1.0, Math.max(0.0, (double) position / state.resetHead()));
        }
        return new ProjectionStatus(name, position, head, Math.max(0, head - position), replaying, progress);
    }

    public Mono<ProjectionStatus> statusLater(String name) {
        return Mono.fromCallable(() -> status(name)).subscribeOn(Schedulers.boundedElastic());
    }

    public Flux<ProjectionStatus> all() {
        return Flux.fromIterable(names()).concatMap(this::statusLater);
    }

    /** Starts rebuilding a read model from the first event; refuses when one is under way. */
    public Mono<ProjectionStatus> replay(String name) {
        return Mono.fromCallable(() -> startReplay(name)).subscribeOn(Schedulers.boundedElastic());
    }

    /** One replay request at a time: a second one must see the first one's generation, not race it. */
    private synchronized ProjectionStatus startReplay(String name) {
        {
            TrackingEventProcessor processor = processor(name);
            if (generations.state(name).building() != null) {
                throw new Refusal.Conflict("replay-under-way", "The read model '" + name + "' is being replayed already.");
            }
            // Stopped first: the watcher must not see the old token pass the new head and switch.
            processor.shutDown();
            Generations.State state = generations.beginBuilding(name, head()).block(ReadModels.WRITE_TIMEOUT);
            if (state == null) {
                processor.start();
                throw new Refusal.Conflict("replay-under-way", "The read model '" + name + "' is being replayed already.");
            }
            // A half-built generation from an earlier, interrupted replay is started afresh.
            dropGeneration(name, state.building());
            ReadModelIndexes.create(generations.of(state.building()));
            replayObserved.put(name, false);
            processor.resetTokens();
            processor.start();
            // The status a processor reports right after a restart can still be the one from
            // before the reset; the switch waits until the reset token is seen in use.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!replaying(processor) && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            if (replaying(processor)) {
                replayObserved.put(name, true);
            }
            log.info("Replaying read model {} into generation {} (head {})", name, state.building(), state.resetHead());
            return status(name);
        }
    }

    private Mono<Void> finishIfCaughtUp(String name) {
        Generations.State state = generations.state(name);
        if (state.building() == null) {
            return Mono.empty();
        }
        Optional<TrackingEventProcessor> processor = processing.eventProcessor(name, TrackingEventProcessor.class);
        if (processor.isEmpty() || processor.get().processingStatus().isEmpty()) {
            return Mono.empty(); // another instance holds the segments, and will switch
        }
        Collection<EventTrackerStatus> segments = processor.get().processingStatus().values();
        if (replaying(processor.get())) {
            replayObserved.put(name, true);
        }
        // Caught up once it has handled every event up to the head as it was at the reset. (Axon's
        // own replay flag stays on until an event beyond that point arrives, which may be never.)
        boolean caughtUp = replayObserved.getOrDefault(name, false) && position(segments).orElse(0) >= state.resetHead();
        if (!caughtUp) {
            return Mono.empty();
        }
        long old = state.active();
        return generations.finishBuilding(name)
                // Readers see the rebuilt generation now: every feed is built again from it once.
                .flatMap(done -> marks.raise(List.of(FeedMarks.EVERY)).thenReturn(done))
                .doOnNext(done -> {
            log.info("Read model {} now served from generation {}", name, done.active());
            // The drop blocks on MongoDB: it runs where blocking is allowed, not on the timer's thread.
            Mono.delay(dropAfter, Schedulers.boundedElastic()).subscribe(t -> dropGeneration(name, old),
                    e -> log.warn("Could not drop generation {} of {}: {}", old, name, e.toString()));
        }).then();
    }

    private static boolean replaying(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
    }

    private void dropGeneration(String name, long generation) {
        ReadModels.drop(database, generations.of(generation), Generations.READ_MODELS.get(name));
        log.info("Dropped generation {} of read model {}", generation, name);
    }

    private static OptionalLong position(Collection<EventTrackerStatus> segments) {
        return segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
    }

    private long head() {
        return eventLog.head();
    }

    @Override
    public void destroy() {
        watcher.dispose();
        lagMeter.dispose();
    }
}
