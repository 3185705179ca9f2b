package io.inkstream.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.LongStream;
import org.bson.Document;

/**
 * The global order's chain, and the check of every chain. Now and then a checkpoint hashes the
 * events stored since the one before, with that one's hash: an event changed, removed or slipped
 * in behind a checkpoint changes what the checkpoint would be, even where its stream's chain was
 * recomputed. A checkpoint covers only indexes handed out a gap timeout ago or more, so no event
 * still being written can land in its range afterwards.
 */
final class Checkpoints {

    static final String CHECKPOINTS = "checkpoints";
    private static final String LAST = "last";

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> checkpoints;
    /** Whose events these are: what readers see of them, their hashes, the head handed out. */
    private final MongoEventLog log;
    private final Duration settle;
    private final int window;
    /** The head handed out when last looked, and when: what the next checkpoint may cover. */
    private long candidate;
    private Instant candidateSeen;

    Checkpoints(MongoEventLog log, MongoCollection<Document> events, MongoCollection<Document> checkpoints,
            Duration settle, int window) {
        this.log = log;
        this.events = events;
        this.checkpoints = checkpoints;
        this.settle = settle;
        this.window = window;
    }

    /**
     * Writes the next checkpoint if the head seen a gap timeout ago is past the last one, and
     * answers whether it did. Several processes may call it: one of them writes each checkpoint.
     */
    synchronized boolean write(Instant now) {
        Document last = checkpoints.find(eq("_id", LAST)).first();
        long number = last == null ? 0 : last.get("number", Number.class).longValue();
        long upTo = last == null ? 0 : last.get("upTo", Number.class).longValue();
        String previous = last == null ? Chain.START : last.getString("hash");
        if (candidateSeen == null || candidate <= upTo) {
            candidate = log.allocated();
            candidateSeen = now;
            return false;
        }
        if (candidateSeen.plus(settle).isAfter(now)) {
            return false;
        }
        Chain.Running running = new Chain.Running(previous);
        long count = 0;
        for (long from = upTo + 1; from <= candidate; from += window) {
            for (Document doc : digests(from, (int) Math.min(window, candidate - from + 1))) {
                running.add(doc.get("_id", Number.class).longValue(), digest(doc));
                count++;
            }
        }
        Document checkpoint = new Document("_id", number + 1).append("from", upTo + 1).append("upTo", candidate)
                .append("events", count).append("hash", running.finish()).append("previous", previous)
                .append("at", now.toString());
        try {
            checkpoints.insertOne(checkpoint);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another process wrote checkpoint number + 1 first: move the pointer to it.
            checkpoint = checkpoints.find(eq("_id", number + 1)).first();
        }
        if (checkpoint != null) {
            point(checkpoint);
        }
        candidate = log.allocated();
        candidateSeen = now;
        return true;
    }

    private void point(Document checkpoint) {
        long number = checkpoint.get("_id", Number.class).longValue();
        Document pointer = new Document("_id", LAST).append("number", number)
                .append("upTo", checkpoint.get("upTo")).append("hash", checkpoint.getString("hash"));
        try {
            checkpoints.replaceOne(and(eq("_id", LAST), lt("number", number)), pointer, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** What a checkpoint takes of an event: its chain hash, or for one stored before chains, its own. */
    static String digest(Document doc) {
        String hash = doc.getString(MongoEventLog.HASH);
        return hash != null ? hash : Chain.event(Chain.START, doc);
    }

    /**
     * What a checkpoint needs of the events in a window: their hashes, without their payloads (a
     * checkpoint reads every event once more); whole documents only of events stored before chains.
     */
    private List<Document> digests(long from, int count) {
        List<Document> found = new ArrayList<>();
        events.find(in("_id", LongStream.range(from, from + count).boxed().toList()))
                .projection(new Document(MongoEventLog.HASH, 1).append(MongoEventLog.UNIT, 1)).into(found);
        List<Object> unchained = found.stream().filter(d -> !d.containsKey(MongoEventLog.HASH)).map(d -> d.get("_id")).toList();
        if (!unchained.isEmpty()) {
            found.removeIf(d -> !d.containsKey(MongoEventLog.HASH));
            events.find(in("_id", unchained)).into(found);
        }
        found.sort(Comparator.comparingLong(d -> d.get("_id", Number.class).longValue()));
        return log.visible(found);
    }

    /** Recomputes every event's hash and every checkpoint, from the first event, a window at a time. */
    EventLog.Verification verify() {
        long head = log.allocated();
        Verifying v = new Verifying();
        v.nextCheckpoint();
        for (long from = 1; from <= head; from += window) {
            List<Document> docs = log.visibleAt(from, (int) Math.min(window, head - from + 1));
            Map<String, String> previous = previousHashes(docs);
            for (Document doc : docs) {
                long index = doc.get("_id", Number.class).longValue();
                v.passTo(index);
                v.events++;
                String hash = doc.getString(MongoEventLog.HASH);
                if (hash == null) {
                    if (v.chainedFrom != null) {
                        v.broken(index, doc, "hash-missing");
                    } else {
                        v.unchained++;
                    }
                } else if (doc.containsKey(MongoEventLog.REDACTED)) {
                    // Its payload was erased after its hash was made: the hash stands for it in the chain.
                    v.redacted++;
                } else {
                    if (v.chainedFrom == null) {
                        v.chainedFrom = index;
                    }
                    String key = MongoEventLog.previousKey(doc);
                    String before = key == null ? Chain.START : previous.getOrDefault(key, Chain.START);
                    if (!hash.equals(Chain.event(before, doc))) {
                        v.broken(index, doc, "event-hash");
                    }
                }
                if (v.checkpoint != null && index >= v.from()) {
                    v.running.add(index, digest(doc));
                }
            }
        }
        v.passTo(Long.MAX_VALUE);
        return new EventLog.Verification(v.firstBroken == null, v.firstBroken, v.events, v.unchained, v.chainedFrom,
                v.checkpointsChecked, v.checkpointedUpTo, v.checkpointHash, v.redacted);
    }

    /** The hashes of the events before these in their streams: from the window, else in one lookup. */
    private Map<String, String> previousHashes(List<Document> docs) {
        Map<String, String> hashes = new HashMap<>();
        for (Document doc : docs) {
            if (doc.get("stream") instanceof String key) {
                hashes.put(key, Objects.requireNonNullElse(doc.getString(MongoEventLog.HASH), Chain.START));
            }
        }
        List<String> wanted = docs.stream().map(MongoEventLog::previousKey)
                .filter(key -> key != null && !hashes.containsKey(key)).toList();
        hashes.putAll(log.hashesAt(wanted));
        return hashes;
    }

    /** The state of one verification as it walks the store. */
    private final class Verifying {
        long events;
        long redacted;
        long unchained;
        Long chainedFrom;
        EventLog.Broken firstBroken;
        long checkpointsChecked;
        long checkpointedUpTo;
        String checkpointHash;
        Document checkpoint;
        Chain.Running running;
        String previousHash = Chain.START;

        long from() {
            return checkpoint.get("from", Number.class).longValue();
        }

        long upTo() {
            return checkpoint.get("upTo", Number.class).longValue();
        }

        void nextCheckpoint() {
            checkpoint = checkpoints.find(eq("_id", checkpointsChecked + 1)).first();
            running = new Chain.Running(previousHash);
        }

        /** Closes every checkpoint whose range ends before {@code index}. */
        void passTo(long index) {
            while (checkpoint != null && upTo() < index) {
                boolean explained = firstBroken != null && firstBroken.position() >= from()
                        && firstBroken.position() <= upTo();
                // A broken event in the range explains the checkpoint, and says more exactly where.
                if (!explained && (!checkpoint.getString("hash").equals(running.finish())
                        || !previousHash.equals(checkpoint.getString("previous")))) {
                    broken(from(), null, "checkpoint");
                }
                previousHash = checkpoint.getString("hash");
                checkpointsChecked++;
                checkpointedUpTo = upTo();
                checkpointHash = previousHash;
                nextCheckpoint();
            }
        }

        void broken(long position, Document doc, String reason) {
            if (firstBroken == null || position < firstBroken.position()) {
                Number sequence = doc == null ? null : doc.get("sequenceNumber", Number.class);
                firstBroken = new EventLog.Broken(position, doc == null ? null : doc.getString("aggregateIdentifier"),
                        sequence == null ? null : sequence.longValue(), reason);
            }
        }
    }
}
