package io.inkstream.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.author.RegisterAuthorCommand;
import io.inkstream.api.post.Content;
import io.inkstream.api.post.PublishPostCommand;
import io.inkstream.api.reply.AddReplyCommand;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.command.CommandSideApplication;
import io.inkstream.platform.axon.Metadata;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command side in this process, driven through its command gateway: AddReply commands per
 * second with {@code CALLERS} concurrent callers, against raw {@code insertOne}s of documents of
 * the same size into the same MongoDB at the same concurrency. "Through the gateway" means the
 * callers share the process with the gateway; the baseline's callers do too.
 *
 * <p>Prints {@code RESULT name value} lines for the orchestrator.
 */
final class AppendWorker {

    static final int CALLERS = 8;
    /** Turns of ours, then the baseline, each figure is taken in. */
    static final int TURNS = 2;
    /** A reply of ordinary length: a few sentences. */
    static final String BODY = "Thanks for writing this up; the part about replaying events matched what we saw. "
            .repeat(4);

    private final String uri;
    private final String engine;
    private final int warmup;
    private final int warmupMax;
    private final int window;
    private final int seconds;
    private final int small;
    private final int large;
    /** Whether to measure raw inserts too: the comparison run of another engine needs only its command rate. */
    private final boolean baseline;
    private long stored;

    AppendWorker(String uri, String engine, int warmup, int warmupMax, int window, int seconds, int small, int large,
            boolean baseline) {
        this.uri = uri;
        this.engine = engine;
        this.warmup = warmup;
        this.warmupMax = Math.max(warmup, warmupMax);
        this.window = window;
        this.seconds = seconds;
        this.small = small;
        this.large = large;
        this.baseline = baseline;
    }

    static void main(Map<String, String> args) throws Exception {
        AppendWorker worker = new AppendWorker(args.get("uri"), args.getOrDefault("engine", "inkstream"),
                Integer.parseInt(args.getOrDefault("warmup", "20")),
                Integer.parseInt(args.getOrDefault("warmupMax", args.getOrDefault("warmup", "20"))),
                Integer.parseInt(args.getOrDefault("window", "10")),
                Integer.parseInt(args.getOrDefault("seconds", "10")),
                Integer.parseInt(args.getOrDefault("small", "1000")),
                Integer.parseInt(args.getOrDefault("large", "0")),
                Boolean.parseBoolean(args.getOrDefault("raw", "true")));
        if (args.containsKey("posts")) {
            worker.seed(Integer.parseInt(args.get("posts")));
        } else {
            worker.run();
        }
    }

    /**
     * Stores {@code posts} posts through the gateway, then replies to them round robin straight
     * into the store until {@code small} events are stored; every fourth reply answers the one
     * before it, so threads have depth.
     */
    void seed(int posts) throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            CommandGateway gateway = context.getBean(CommandGateway.class);
            EventStorageEngine store = context.getBean(EventStorageEngine.class);
            Actor author = new Actor("bench", false);
            gateway.sendAndWait(new RegisterAuthorCommand(new AuthorId("bench"), "Bench", "-", null, null,
                    new Actor("admin", true)));
            List<PostId> ids = new ArrayList<>();
            for (int i = 0; i < posts; i++) {
                PostId post = new PostId(UUID.randomUUID().toString());
                gateway.sendAndWait(new PublishPostCommand(post, new AuthorId("bench"), new Content("Post " + i,
                        "Some text.", List.of("bench"), null, List.of()), author));
                ids.add(post);
            }
            stored = posts + 1;
            String[] last = new String[posts];
            long n = 0;
            while (stored < small) {
                List<EventMessage<?>> batch = new ArrayList<>();
                for (int i = 0; i < 500 && stored + batch.size() < small; i++, n++) {
                    int p = (int) (n % posts);
                    String reply = UUID.randomUUID().toString();
                    ReplyId parent = n % 4 == 3 && last[p] != null ? new ReplyId(last[p]) : null;
                    batch.add(replyAdded(reply, ids.get(p), parent));
                    last[p] = reply;
                }
                store.appendEvents(batch);
                stored += batch.size();
            }
            result("seeded", stored);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CommandSideApplication.class, AxonMongoEngine.class)
                .run("--server.port=0", "--spring.data.mongodb.uri=" + uri, "--inkstream.event-store.engine=" + engine,
                        "--inkstream.admin.password=bench", "--inkstream.token.secret=" + "bench-secret-".repeat(4),
                        "--logging.level.root=warn");
    }

    private static EventMessage<?> replyAdded(String reply, PostId post, ReplyId parent) {
        return new GenericDomainEventMessage<>("Reply", reply, 0,
                new ReplyAdded(new ReplyId(reply), post, parent, BODY, "Reader " + ThreadLocalRandom.current()
                        .nextInt(1000), null, null, null, java.util.List.of(), null),
                MetaData.with(Metadata.PRINCIPAL, Actor.ANONYMOUS_LOGIN)
                        .and(Metadata.CORRELATION_ID, UUID.randomUUID().toString()));
    }

    void run() throws Exception {
        try (ConfigurableApplicationContext context = start();
             MongoClient client = MongoClients.create(uri)) {
            CommandGateway gateway = context.getBean(CommandGateway.class);
            EventStorageEngine store = context.getBean(EventStorageEngine.class);
            PostId post = new PostId(UUID.randomUUID().toString());
            Actor author = new Actor("bench", false);
            gateway.sendAndWait(new RegisterAuthorCommand(new AuthorId("bench"), "Bench", "-", null, null,
                    new Actor("admin", true)));
            gateway.sendAndWait(new PublishPostCommand(post, new AuthorId("bench"), new Content("A post to reply to",
                    "Some text.", List.of(), null, List.of()), author));
            stored = 2;
            fill(store, post, small);
            // Warm-up: the JIT and both sides' connection pools, away from the figures. The command
            // path is long: its figure taken while C2 still compiled it measured the compiler.
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            Proc.untilSettled(Duration.ofSeconds(warmup), Duration.ofSeconds(warmupMax),
                    () -> jit.getTotalCompilationTime() / 1e3, () -> commands(gateway, post, author, window));
            if (!baseline) {
                result("cmd_small", commands(gateway, post, author, seconds));
            } else {
                raw(client, Math.max(5, warmup / 4));
                // Taken in turns, half the time each: a machine whose speed drifts during the
                // run (a neighbour, a late compile) then weighs on both sides alike.
                double ours = 0;
                double theirs = 0;
                for (int turn = 0; turn < TURNS; turn++) {
                    double mine = commands(gateway, post, author, seconds / TURNS);
                    double plain = raw(client, seconds / TURNS);
                    // Each turn's figures too, in the worker's log: how much the machine drifted.
                    System.out.printf("turn %d: commands %.1f/s, raw %.1f/s%n", turn, mine, plain);
                    ours += mine;
                    theirs += plain;
                }
                result("cmd_small", ours / TURNS);
                result("raw", theirs / TURNS);
            }
            if (large > 0) {
                fill(store, post, large);
                commands(gateway, post, author, Math.max(5, warmup / 4));
                result("cmd_large", commands(gateway, post, author, seconds));
            }
        }
    }

    private static void result(String name, double value) {
        System.out.printf("RESULT %s %.1f%n", name, value);
        System.out.flush();
    }

    /** AddReply commands per second through the gateway, {@code CALLERS} callers for {@code secs} seconds. */
    private double commands(CommandGateway gateway, PostId post, Actor author, int secs) throws Exception {
        double rate = concurrently(secs, () -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(
                new AddReplyCommand(new ReplyId(UUID.randomUUID().toString()), post, null, BODY, null, null, null,
                        author)).andMetaData(Map.of(Metadata.PRINCIPAL, author.login(),
                Metadata.CORRELATION_ID, UUID.randomUUID().toString()))));
        stored += (long) (rate * secs);
        return rate;
    }

    /** Raw insertOnes per second of copies of a stored event document (so of the same size). */
    private double raw(MongoClient client, int secs) throws Exception {
        Document sample = sampleEvent(client);
        MongoCollection<Document> target = client.getDatabase(new com.mongodb.ConnectionString(uri).getDatabase())
                .getCollection("bench_raw_inserts");
        return concurrently(secs, () -> {
            Document copy = new Document(sample);
            copy.remove("_id");
            target.insertOne(copy);
        });
    }

    private Document sampleEvent(MongoClient client) {
        var database = client.getDatabase(new com.mongodb.ConnectionString(uri).getDatabase());
        for (String name : List.of("events", "domainevents")) {
            Document found = database.getCollection(name).find(new Document("payloadType", ReplyAdded.class.getName()))
                    .first();
            if (found != null) {
                return found;
            }
        }
        throw new IllegalStateException("no stored ReplyAdded event to copy");
    }

    private static double concurrently(int secs, Runnable call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Future<?>> callers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < CALLERS; i++) {
            callers.add(pool.submit(() -> {
                while (!stop.get()) {
                    call.run();
                    done.increment();
                }
            }));
        }
        Thread.sleep(secs * 1000L);
        stop.set(true);
        for (Future<?> caller : callers) {
            caller.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return done.sum() / elapsed;
    }

    /** Stores ReplyAdded events straight into the store, in batches, until about {@code total} are stored. */
    private void fill(EventStorageEngine store, PostId post, long total) {
        while (stored < total) {
            List<EventMessage<?>> batch = new ArrayList<>();
            for (int i = 0; i < 500 && stored + batch.size() < total; i++) {
                batch.add(replyAdded(UUID.randomUUID().toString(), post, null));
            }
            store.appendEvents(batch);
            stored += batch.size();
        }
    }
}
