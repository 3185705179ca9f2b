package io.inkstream.query.admin;

import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.inkstream.platform.eventstore.MongoEventLog;
import io.inkstream.platform.eventstore.Metadata;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The stored events in store order, read a window of global indexes at a time, so a client
 * can stream millions of them while the server holds one window. Filters by aggregate (then
 * only that aggregate's stream is read), event type, principal and time.
 */
@Component
public class AuditLog {

    static final int WINDOW = 200;
    /** Writers' clocks differ a little; past {@code until} by this much, the log stops reading. */
    static final java.time.Duration SKEW = java.time.Duration.ofMinutes(1);

    public record Filter(String aggregateId, String type, String principal, Instant since, Instant until, long after) {
    }

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;
    private final EventStore store;
    private final ObjectMapper json;

    public AuditLog(MongoDatabase reactiveMongoDatabase, EventStore store, ObjectMapper json) {
        this.events = reactiveMongoDatabase.getCollection(MongoEventLog.EVENTS);
        this.counters = reactiveMongoDatabase.getCollection(MongoEventLog.COUNTERS);
        this.store = store;
        this.json = json;
    }

    public Flux<AuditLine> read(Filter filter) {
        Flux<Document> stored = filter.aggregateId() != null ? stream(filter.aggregateId()) : all(filter);
        return stored
                .filter(d -> d.get("_id", Number.class).longValue() > filter.after())
                .map(this::line)
                .filter(line -> filter.type() == null || filter.type().equals(line.type()))
                .filter(line -> filter.principal() == null || filter.principal().equals(line.principal()))
                .filter(line -> filter.since() == null || !line.timestamp().isBefore(filter.since()))
                .filter(line -> filter.until() == null || !line.timestamp().isAfter(filter.until()));
    }

    /** Every event from after the filter's start up to the head as it is now, window by window. */
    private Flux<Document> all(Filter filter) {
        Mono<Long> head = Mono.from(counters.find(Filters.eq("_id", "events")).first())
                .map(d -> d.get("value", Number.class).longValue()).defaultIfEmpty(0L);
        Mono<Long> start = filter.since() == null ? Mono.just(filter.after() + 1)
                : Mono.fromCallable(() -> store.createTokenAt(filter.since()).position().orElse(0) + 1)
                        .subscribeOn(Schedulers.boundedElastic())
                        .map(fromTime -> Math.max(fromTime, filter.after() + 1));
        return Mono.zip(start, head).flatMapMany(range -> windows(range.getT1(), range.getT2())
                .concatMap(window -> sorted(events.find(in("_id", window))), 0)
                .takeUntil(doc -> filter.until() != null
                        && Instant.parse(doc.getString("timestamp")).isAfter(filter.until().plus(SKEW))));
    }

    /** One aggregate's events, by their stream keys, until a window comes back short. */
    private Flux<Document> stream(String aggregateId) {
        return Flux.range(0, Integer.MAX_VALUE)
                .concatMap(n -> {
                    List<String> keys = LongStream.range((long) n * WINDOW, (long) (n + 1) * WINDOW)
                            .mapToObj(seq -> aggregateId + "/" + seq).toList();
                    return sorted(events.find(in("stream", keys))).collectList();
                }, 0)
                .takeUntil(batch -> batch.size() < WINDOW)
                .concatMapIterable(batch -> batch);
    }

    private static Flux<List<Long>> windows(long from, long head) {
        return Flux.generate(() -> from, (next, sink) -> {
            if (next > head) {
                sink.complete();
            } else {
                sink.next(LongStream.range(next, Math.min(head + 1, next + WINDOW)).boxed().toList());
            }
            return next + WINDOW;
        });
    }

    private static Flux<Document> sorted(org.reactivestreams.Publisher<Document> found) {
        return Flux.from(found).collectSortedList(Comparator.comparingLong(d -> d.get("_id", Number.class).longValue()))
                .flatMapIterable(list -> list);
    }

    private AuditLine line(Document d) {
        JsonNode metaData = parse(d.getString("metaData"));
        String payloadType = d.getString("payloadType");
        return new AuditLine(d.get("_id", Number.class).longValue(), d.getString("aggregateIdentifier"),
                d.getString("type"), d.get("sequenceNumber", Number.class).longValue(),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), d.getString("payloadRevision"),
                Instant.parse(d.getString("timestamp")), text(metaData, Metadata.PRINCIPAL),
                text(metaData, Metadata.CORRELATION_ID), parse(d.getString("payload")));
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (Exception e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
