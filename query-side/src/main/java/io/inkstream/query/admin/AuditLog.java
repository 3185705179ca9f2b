package io.inkstream.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkstream.eventstore.EventLog.StoredEvent;
import io.inkstream.eventstore.EventLog;
import io.inkstream.platform.axon.Metadata;
import io.inkstream.platform.privacy.Vault;
import java.time.Instant;
import org.axonframework.eventsourcing.eventstore.EventStore;
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

    private final EventLog log;
    private final EventStore store;
    private final ObjectMapper json;

    private final Vault vault;

    public AuditLog(EventLog log, EventStore store, ObjectMapper json, Vault vault) {
        this.log = log;
        this.store = store;
        this.json = json;
        this.vault = vault;
    }

    /**
     * The events as an admin reads them: a commenter's sealed data opened, or {@code "[erased]"}
     * once their key is destroyed. Opening reads each commenter's key once; it runs where the
     * store's reads run, where blocking is allowed.
     */
    public Flux<AuditLine> read(Filter filter) {
        // Each line's payload is parsed for it alone, so it is opened where it stands.
        return sealed(filter).doOnNext(line -> open(line.payload()));
    }

    /** The events with sealed data as stored: for readers that open only what they need. */
    public Flux<AuditLine> sealed(Filter filter) {
        Flux<StoredEvent> stored = filter.aggregateId() != null ? stream(filter.aggregateId()) : all(filter);
        return stored
                .filter(e -> e.position() > filter.after())
                .map(this::line)
                .filter(line -> filter.type() == null || filter.type().equals(line.type()))
                .filter(line -> filter.principal() == null || filter.principal().equals(line.principal()))
                .filter(line -> filter.since() == null || !line.timestamp().isBefore(filter.since()))
                .filter(line -> filter.until() == null || !line.timestamp().isAfter(filter.until()));
    }

    /** Every event from after the filter's start up to the head as it is now, window by window. */
    private Flux<StoredEvent> all(Filter filter) {
        Mono<Long> head = blocking(log::head);
        Mono<Long> start = filter.since() == null ? Mono.just(filter.after() + 1)
                : blocking(() -> store.createTokenAt(filter.since()).position().orElse(0) + 1)
                        .map(fromTime -> Math.max(fromTime, filter.after() + 1));
        return Mono.zip(start, head).flatMapMany(range -> windows(range.getT1(), range.getT2())
                .concatMap(from -> blocking(() -> log.window(from, WINDOW)), 0)
                .concatMapIterable(window -> window)
                .takeUntil(event -> filter.until() != null
                        && Instant.parse(event.timestamp()).isAfter(filter.until().plus(SKEW))));
    }

    /** One aggregate's events, a window at a time, until a window comes back short. */
    private Flux<StoredEvent> stream(String aggregateId) {
        return Flux.range(0, Integer.MAX_VALUE)
                .concatMap(n -> blocking(() -> log.stream(aggregateId, (long) n * WINDOW, WINDOW)), 0)
                .takeUntil(batch -> batch.size() < WINDOW)
                .concatMapIterable(batch -> batch);
    }

    /** The first index of each window from {@code from} up to {@code head}. */
    private static Flux<Long> windows(long from, long head) {
        return Flux.generate(() -> from, (next, sink) -> {
            if (next > head) {
                sink.complete();
            } else {
                sink.next(next);
            }
            return next + WINDOW;
        });
    }

    /** The event store's reads block: they run where blocking is allowed. */
    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
    }

    private AuditLine line(StoredEvent e) {
        JsonNode metaData = parse(e.metaData());
        String payloadType = e.payloadType();
        return new AuditLine(e.position(), e.aggregateIdentifier(), e.aggregateType(), e.sequenceNumber(),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), e.payloadRevision(),
                Instant.parse(e.timestamp()), text(metaData, Metadata.PRINCIPAL),
                text(metaData, Metadata.CORRELATION_ID), parse(e.payload()));
    }

    /** Opens every sealed text in a payload, at any depth, in place. */
    private void open(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                if (field.getValue().isTextual() && Vault.sealed(field.getValue().asText())) {
                    field.setValue(json.getNodeFactory().textNode(vault.open(field.getValue().asText())));
                } else {
                    open(field.getValue());
                }
            });
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual() && Vault.sealed(array.get(i).asText())) {
                    array.set(i, json.getNodeFactory().textNode(vault.open(array.get(i).asText())));
                } else {
                    open(array.get(i));
                }
            }
        }
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
