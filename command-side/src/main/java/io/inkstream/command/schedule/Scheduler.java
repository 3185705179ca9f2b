package io.inkstream.command.schedule;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.post.PublishDraftCommand;
import io.inkstream.platform.axon.Metadata;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes scheduled posts when they are due, as principal {@code system}. Every process polls
 * (twice a second by default); a due post is claimed for a short lease by one atomic update,
 * so one process sends its command. Exactly once does not rest on the lease: the post itself
 * publishes only while it is a draft scheduled for exactly that time, and its event store
 * takes one event at a version, so a second sender (a lease that ran out mid-send) is refused.
 * A process that was down at the time finds the post due when it starts.
 */
@Component
class Scheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    static final Actor SYSTEM = new Actor("system", true);
    /** Due posts claimed per poll: a backlog (after downtime) is worked through a batch at a time. */
    static final int BATCH = 50;
    /** How often every process looks for due posts; the schedules' events are read no oftener. */
    static final String POLL = "${inkstream.scheduler.poll:500ms}";

    private final MongoCollection<Document> schedules;
    private final CommandGateway commands;
    private final Duration poll;
    private final Duration lease;
    private final boolean enabled;
    private final Clock clock = Clock.systemUTC();
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private ScheduledExecutorService thread;

    Scheduler(Schedules schedules, CommandGateway commands,
            @Value(POLL) Duration poll,
            @Value("${inkstream.scheduler.lease:30s}") Duration lease,
            @Value("${inkstream.scheduler.enabled:true}") boolean enabled) {
        this.schedules = schedules.collection();
        this.commands = commands;
        this.poll = poll;
        this.lease = lease;
        this.enabled = enabled;
    }

    /** Publishes what is due now; answers how many posts it published. */
    int publishDue() {
        Instant now = clock.instant();
        Bson free = or(exists("leaseUntil", false), lte("leaseUntil", Date.from(now)));
        List<Document> due = schedules.find(and(lte("publishAt", Date.from(now)), free))
                .sort(Sorts.ascending("publishAt")).limit(BATCH).into(new ArrayList<>());
        int published = 0;
        for (Document schedule : due) {
            Bson mine = and(eq("_id", schedule.get("_id")), eq("version", schedule.get("version")));
            Document claimed = schedules.findOneAndUpdate(and(mine, free), new Document("$set",
                    new Document("leaseUntil", Date.from(now.plus(lease))).append("owner", node)));
            if (claimed != null && publish(schedule)) {
                schedules.deleteOne(mine);
                published++;
            }
        }
        return published;
    }

    /** Whether the schedule is done with: published now, or nothing left to publish at that time. */
    private boolean publish(Document schedule) {
        PostId postId = new PostId(schedule.getString("_id"));
        Instant at = schedule.getDate("publishAt").toInstant();
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new PublishDraftCommand(postId, at, SYSTEM))
                    .andMetaData(Map.of(Metadata.PRINCIPAL, SYSTEM.login(),
                            Metadata.CORRELATION_ID, UUID.randomUUID().toString())));
            log.info("Published scheduled post {} (due {}) from {}", postId, at, node);
            return true;
        } catch (Refusal refused) {
            // Published early, moved, made a draft again, discarded, unpublished: not this time's to publish.
            log.info("Scheduled post {} (due {}) not published from {}: {}", postId, at, node,
                    refused.getMessage());
            return true;
        } catch (RuntimeException e) {
            // Another process publishing it at the same moment, or the store unreachable: the lease
            // runs out and the next poll asks the post again.
            log.warn("Could not publish scheduled post {} (due {}); retrying after the lease: {}", postId, at,
                    e.toString());
            return false;
        }
    }

    private void tick() {
        try {
            publishDue();
        } catch (RuntimeException e) {
            log.warn("Scheduler poll failed; next poll in {}: {}", poll, e.toString());
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inkstream-scheduler");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::tick, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops polling, and lets a publish under way finish: what was sent is acknowledged. */
    @Override
    public void stop() {
        if (thread != null) {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                    // A publish that hangs past that is not acknowledged to anyone: its lease runs out
                    // and the next poll, here or elsewhere, asks the post again.
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                thread.shutdownNow();
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Starts after Axon (whose phase is high), stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
