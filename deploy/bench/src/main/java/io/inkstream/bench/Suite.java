package io.inkstream.bench;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The whole harness: starts the measured processes (the built jars, and this jar as worker or
 * baseline server), drives them from this process, and prints one {@code RATIO} line per figure.
 */
final class Suite {

    static final int HTTP_CONNECTIONS = 16;
    static final int SUBSCRIBERS = 2_000;
    static final int STORE_SMALL = 1_000;
    static final int STORE_LARGE = 100_000;
    static final int REPLAY_EVENTS = 100_000;
    static final int REPLAY_POSTS = 1_000;

    private final boolean quick;
    private final int warmup;
    /** The longest warm-up: a measured process is driven until its JIT settles, or this long. */
    private final Duration warmupMax;
    private final int seconds;
    /** How long the load runs between two looks at a warming process's compiler. */
    private final Duration window;
    private final Path work;
    private final Map<String, String> ratios = new LinkedHashMap<>();

    /** The figures to take ({@code --only=append,http,replay,live}); all unless told. */
    private final Set<String> only;

    Suite(boolean quick, Set<String> only) throws IOException {
        this(quick, only, null);
    }

    /** With {@code jfr} a directory, every JVM the suite starts records a profile there, {@code <pid>.jfr}. */
    Suite(boolean quick, Set<String> only, String jfr) throws IOException {
        this.quick = quick;
        this.only = only;
        // A fresh JVM on 2 cores keeps getting faster for minutes, while C2 compiles: each measured
        // process is driven until its compiler is nearly idle before its figures count. --quick
        // runs every JVM with C1 alone, which settles in seconds: figures of less optimized code
        // on both sides of each ratio, in a third of the time.
        List<String> options = new ArrayList<>();
        if (quick) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        if (jfr != null) {
            Files.createDirectories(Path.of(jfr));
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr + "/%p.jfr");
            Proc.profiling = true;
        }
        Proc.jvmOptions = List.copyOf(options);
        this.warmup = quick ? 15 : 60;
        // The standalone (both sides and the embedded server in one JVM) keeps C2 busy for
        // minutes on 2 cores; measured before the JIT settles, its lag measured the compiler
        // more than the code (the README's performance section has the figures).
        this.warmupMax = Duration.ofSeconds(quick ? 60 : 600);
        this.window = Duration.ofSeconds(quick ? 5 : 10);
        this.seconds = quick ? 6 : 20;
        this.work = Files.createTempDirectory("inkstream-bench-");
    }

    void run() throws Exception {
        System.out.printf("Inkstream benchmarks (%s), %s, %d cores, Java %s; logs in %s%n", quick ? "quick" : "full",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), work);
        int mongoPort = Proc.freePort();
        // The embedded MongoDB keeps every document on its heap.
        try (Proc mongo = Proc.start("-Xmx6g", Proc.STANDALONE, mongoPort, Map.of("MONGODB_PORT", String.valueOf(mongoPort),
                // In memory: the figures are about our code, not about the embedded server's disk format.
                "INKSTREAM_MONGO_STORAGE", "memory"), work.resolve("mongo.log"),
                "--inkstream.mode=mongo")) {
            mongo.awaitListening();
            String mongoUri = "mongodb://127.0.0.1:" + mongoPort + "/";
            part("append", () -> append(mongoUri));
            dropDatabases(mongoUri);
            part("http", () -> http(mongoUri));
            dropDatabases(mongoUri);
            part("reads", () -> reads(mongoUri));
            dropDatabases(mongoUri);
            part("replay", () -> replay(mongoUri));
            dropDatabases(mongoUri);
            part("split", () -> split(mongoUri));
        }
        part("writes", this::writes);
        part("live", this::live);
        System.out.println();
        ratios.forEach((name, line) -> System.out.println("RATIO " + name + " " + line));
    }

    /**
     * Drops what a part stored: the embedded server keeps it all on its heap, and on a fast
     * machine the parts before split left millions of documents there (seen: the server stopped
     * answering during split, its clients timing out).
     */
    private static void dropDatabases(String mongoUri) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            for (String name : client.listDatabaseNames()) {
                if (!Set.of("admin", "local", "config").contains(name)) {
                    client.getDatabase(name).drop();
                }
            }
        }
    }

    private boolean wanted(String part) {
        return only.isEmpty() || only.contains(part);
    }

    interface Part {
        void run() throws Exception;
    }

    /** Runs a part if wanted, and says how long it took: the suite's length is a target too. */
    private void part(String name, Part part) throws Exception {
        if (!wanted(name)) {
            return;
        }
        long start = System.nanoTime();
        part.run();
        System.out.printf("  (%s took %.0f s)%n", name, (System.nanoTime() - start) / 1e9);
    }

    private void ratio(String name, double value, String context) {
        String line = String.format("%.2f (%s)", value, context);
        ratios.put(name, line);
        System.out.println("RATIO " + name + " " + line);
    }

    // ---- append, vs_axon_mongo, scale: the command gateway in a worker process

    private void append(String mongoUri) throws Exception {
        Map<String, Double> ours = worker("append-ours", "worker", "--uri=" + mongoUri + "append_ours",
                "--engine=inkstream", "--small=" + STORE_SMALL, "--large=" + STORE_LARGE,
                "--warmupMax=" + warmupMax.toSeconds(), "--window=" + window.toSeconds());
        Map<String, Double> theirs = worker("append-axon-mongo", "worker", "--uri=" + mongoUri + "append_axon",
                "--engine=axon-mongo", "--small=" + STORE_SMALL, "--large=0", "--raw=false", "--warmup=" + Math.min(warmup, 20));
        ratio("append", ours.get("cmd_small") / ours.get("raw"), String.format(
                "AddReply via the command gateway %.0f/s ÷ raw insertOne %.0f/s, %d callers each, %d events stored; target >= 0.25",
                ours.get("cmd_small"), ours.get("raw"), AppendWorker.CALLERS, STORE_SMALL));
        ratio("vs_axon_mongo", ours.get("cmd_small") / theirs.get("cmd_small"), String.format(
                "ours %.0f/s ÷ axon-mongo engine %.0f/s, AddReply, %d callers, %d events stored; target >= 3",
                ours.get("cmd_small"), theirs.get("cmd_small"), AppendWorker.CALLERS, STORE_SMALL));
        ratio("scale", ours.get("cmd_large") / ours.get("cmd_small"), String.format(
                "AddReply %.0f/s with %d events stored ÷ %.0f/s with %d; target >= 0.8",
                ours.get("cmd_large"), STORE_LARGE, ours.get("cmd_small"), STORE_SMALL));
    }

    private Map<String, Double> worker(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.startsWith("--warmup="))) {
            all.add("--warmup=" + warmup);
        }
        all.add("--seconds=" + seconds);
        Map<String, Double> results = new HashMap<>();
        Path log = work.resolve(name + ".log");
        try (Proc worker = Proc.start(Proc.BENCH, 0, Map.of(), null, all.toArray(String[]::new));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            worker.collect(line -> {
                out.println(line);
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ");
                    results.put(parts[1], Double.parseDouble(parts[2]));
                    System.out.println("  " + name + ": " + parts[1] + " " + parts[2]);
                }
            });
        }
        return results;
    }

    // ---- http: our command endpoint against a plain WebFlux insert endpoint

    private void http(String mongoUri) throws Exception {
        double ours;
        try (Proc side = Proc.serving(Proc.COMMAND_SIDE, Api.env(mongoUri + "http"), work.resolve("http-command-side.log"))) {
            Api api = new Api(side.port);
            String token = api.author("bench");
            String post = api.publish("bench", token, "A post to reply to");
            ours = replies(side, "/posts/" + post + "/replies", "Bearer " + token);
        }
        double plain;
        try (Proc baseline = Proc.serving(Proc.BENCH, Map.of(), work.resolve("http-baseline.log"), "baseline-server",
                "--uri=" + mongoUri + "http_plain")) {
            plain = replies(baseline, "/posts/p1/replies", null);
        }
        ratio("http", ours / plain, String.format(
                "POST /posts/{id}/replies %.0f/s, bearer token ÷ plain WebFlux insert endpoint %.0f/s, %d connections; target >= 0.3",
                ours, plain, HTTP_CONNECTIONS));
    }

    private double replies(Proc server, String path, String authorization) throws Exception {
        WebClient client = Load.client(server.port, HTTP_CONNECTIONS);
        Map<String, String> body = Map.of("body", AppendWorker.BODY);
        java.util.function.Supplier<Mono<?>> call = () -> {
            WebClient.RequestBodySpec request = client.post().uri(path).contentType(MediaType.APPLICATION_JSON);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return request.bodyValue(body).retrieve().bodyToMono(Map.class);
        };
        return rate(server, "http " + server.port, call);
    }

    /** Requests a second, {@value #HTTP_CONNECTIONS} at a time, once the server's JIT has settled. */
    private double rate(Proc server, String label, java.util.function.Supplier<Mono<?>> call) throws Exception {
        server.warmUp(Duration.ofSeconds(warmup), warmupMax, () -> Load.closedLoop(HTTP_CONNECTIONS, window, call));
        double rate = Load.closedLoop(HTTP_CONNECTIONS, Duration.ofSeconds(seconds), call);
        System.out.printf("  %s: %.0f/s%n", label, rate);
        return rate;
    }

    // ---- writes: a reply stored durably, by us, by a CRUD app, by Axon on PostgreSQL

    /**
     * {@code POST /posts/{id}/replies} on the standalone as shipped (the embedded server on its
     * H2 file), against a CRUD app storing the reply and its post's count on the same kind of
     * store, and against Axon's JDBC event store on PostgreSQL with a projection. Every store
     * here writes to disk before it answers.
     */
    private void writes() throws Exception {
        double ours;
        Map<String, String> env = Api.env(null);
        env.put("INKSTREAM_DATA_DIR", Files.createDirectories(work.resolve("writes-standalone")).toString());
        try (Proc app = Proc.serving(Proc.STANDALONE, env, work.resolve("writes-standalone.log"))) {
            Api api = new Api(app.port);
            String token = api.author("bench");
            String post = api.publish("bench", token, "A post to reply to");
            ours = replies(app, "/posts/" + post + "/replies", "Bearer " + token);
        }
        double crud;
        int port = Proc.freePort();
        try (Proc mongo = Proc.start(Proc.STANDALONE, port, Map.of("MONGODB_PORT", String.valueOf(port),
                "INKSTREAM_DATA_DIR", Files.createDirectories(work.resolve("writes-crud")).toString()),
                work.resolve("writes-crud-mongo.log"), "--inkstream.mode=mongo")) {
            mongo.awaitListening();
            try (Proc baseline = Proc.serving(Proc.BENCH, Map.of(), work.resolve("writes-crud.log"), "baseline-server",
                    "--uri=mongodb://127.0.0.1:" + port + "/crud")) {
                crud = replies(baseline, "/crud/posts/p1/replies", null);
            }
        }
        ratio("write_vs_crud", ours / crud, String.format(
                "POST /posts/{id}/replies %.0f/s, bearer token, the standalone on its own disk store ÷ a CRUD app's"
                        + " insert and count update %.0f/s on the same kind of store, %d connections; for reference",
                ours, crud, HTTP_CONNECTIONS));
        java.util.Optional<Postgres> found = Postgres.start();
        if (found.isEmpty()) {
            return;
        }
        double axon;
        try (Postgres postgres = found.get();
             Proc server = Proc.serving(Proc.BENCH, Map.of(), work.resolve("writes-axon-jdbc.log"), "axon-jdbc-server",
                     "--jdbc=" + postgres.jdbcUrl())) {
            axon = replies(server, "/posts/p1/replies", null);
        }
        ratio("write_vs_axon_jdbc", ours / axon, String.format(
                "ours %.0f/s ÷ Axon's JdbcEventStorageEngine on PostgreSQL (fsync on) with a JDBC projection %.0f/s,"
                        + " %d connections; target >= 0.7", ours, axon, HTTP_CONNECTIONS));
    }

    // ---- reads: our post page and thread against a CRUD app's one lookup each

    /** Replies on the thread the reads part reads, as in the reference comparison. */
    static final int READ_REPLIES = 20;

    private void reads(String mongoUri) throws Exception {
        String uri = mongoUri + "reads";
        String postId;
        double post;
        double thread;
        try (Proc app = Proc.serving(Proc.STANDALONE, Api.env(uri), work.resolve("reads-standalone.log"))) {
            Api api = new Api(app.port);
            String token = api.author("bench");
            postId = api.publish("bench", token, "A post to read");
            for (int i = 0; i < READ_REPLIES; i++) {
                api.send("POST", "/posts/" + postId + "/replies", "Bearer " + token,
                        Map.of("body", AppendWorker.BODY + " " + i), 201);
            }
            JsonNode replies = awaitThread(api, postId);
            JsonNode page = api.send("GET", "/posts/" + postId, null, null, 200);
            crudCopy(uri, postId, page, replies);
            post = reads(app, "/posts/" + postId);
            thread = reads(app, "/posts/" + postId + "/replies");
        }
        double crudPost;
        double crudThread;
        try (Proc baseline = Proc.serving(Proc.BENCH, Map.of(), work.resolve("reads-baseline.log"), "baseline-server",
                "--uri=" + uri)) {
            crudPost = reads(baseline, "/crud/posts/" + postId);
            crudThread = reads(baseline, "/crud/posts/" + postId + "/replies");
        }
        ratio("read_post_vs_crud", post / crudPost, String.format(
                "GET /posts/{id} %.0f/s ÷ a CRUD app's findOne of the same page %.0f/s, %d connections; target >= 1.0",
                post, crudPost, HTTP_CONNECTIONS));
        ratio("read_thread_vs_crud", thread / crudThread, String.format(
                "GET /posts/{id}/replies (%d replies) %.0f/s ÷ a CRUD app's one query for them %.0f/s, %d connections; target >= 1.0",
                READ_REPLIES, thread, crudThread, HTTP_CONNECTIONS));
    }

    private static JsonNode awaitThread(Api api, String postId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode thread = api.send("GET", "/posts/" + postId + "/replies", null, null, 200);
            if (thread.get("replyCount").asLong() == READ_REPLIES) {
                return thread;
            }
            Proc.pause(100);
        }
        throw new IllegalStateException("the thread did not show its " + READ_REPLIES + " replies in 60 s");
    }

    /** The CRUD app's data: our answers, stored as the documents it serves. */
    private static void crudCopy(String uri, String postId, JsonNode page, JsonNode thread) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            var database = client.getDatabase(new com.mongodb.ConnectionString(uri).getDatabase());
            Document post = Document.parse(Api.JSON.writeValueAsString(page));
            post.put("_id", postId);
            database.getCollection("crud_posts").insertOne(post);
            List<Document> replies = new ArrayList<>();
            for (JsonNode reply : thread.get("replies")) {
                Document doc = Document.parse(Api.JSON.writeValueAsString(reply));
                doc.put("_id", reply.get("replyId").asText());
                doc.put("postId", postId);
                replies.add(doc);
            }
            database.getCollection("crud_replies").insertMany(replies);
        }
    }

    private double reads(Proc server, String path) throws Exception {
        WebClient client = Load.client(server.port, HTTP_CONNECTIONS);
        java.util.function.Supplier<Mono<?>> call = () -> client.get().uri(path).accept(MediaType.APPLICATION_JSON)
                .retrieve().bodyToMono(String.class);
        return rate(server, "reads " + server.port + " " + path, call);
    }

    // ---- replay: rebuilding the thread read model against a plain scan plus bulk upserts

    private void replay(String mongoUri) throws Exception {
        String uri = mongoUri + "replay";
        Map<String, Double> seeded = worker("replay-seed", "worker", "--uri=" + uri, "--posts=" + REPLAY_POSTS,
                "--small=" + REPLAY_EVENTS);
        long events;
        double seconds;
        try (Proc side = Proc.serving(Proc.QUERY_SIDE, Api.env(uri), work.resolve("replay-query-side.log"))) {
            Api api = new Api(side.port);
            // The other read models first, so that they do not share the machine with the rebuild;
            // the thread read model's own first catch-up is the warm-up, cut short by the replay.
            awaitCaughtUp(api, "posts");
            awaitCaughtUp(api, "authors");
            if (!quick) {
                side.warmUp(Duration.ofSeconds(warmup / 2), warmupMax, () -> Proc.pause(window.toMillis()));
            }
            long start = System.nanoTime();
            api.admin("POST", "/admin/projections/threads/replay", 202);
            JsonNode done = awaitCaughtUp(api, "threads");
            seconds = (System.nanoTime() - start) / 1e9;
            events = done.get("headPosition").asLong();
        }
        double ours = events / seconds;
        System.out.printf("  replay: %d events in %.1f s, %.0f events/s%n", events, seconds, ours);
        double plain = plainReplay(uri);
        ratio("replay", ours / plain, String.format(
                "rebuilding threads from %d events (%.0f seeded): %.0f events/s ÷ ordered scan + bulk upserts of the same documents %.0f events/s; target >= 0.5",
                events, seeded.get("seeded"), ours, plain));
    }

    /** Polls the projections' status until {@code name} (or every projection) is caught up and not replaying. */
    private static JsonNode awaitCaughtUp(Api api, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonNode status = api.admin("GET", "/admin/projections", 200);
            boolean done = true;
            JsonNode found = null;
            for (JsonNode p : status) {
                if (name == null || name.equals(p.get("name").asText())) {
                    found = p;
                    done &= !p.get("replaying").asBoolean() && p.get("lag").asLong() == 0
                            && p.get("position").asLong() > 0;
                }
            }
            if (done && found != null) {
                return found;
            }
            Proc.pause(100);
        }
        throw new IllegalStateException("projections did not catch up in 15 minutes");
    }

    /**
     * The baseline: scan the same events in order, and bulk-upsert the documents the rebuild
     * produced (each reply's, and its thread's page and document once per batch), 1,000 events
     * a batch.
     */
    private double plainReplay(String uri) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase("replay");
            Document state = db.getCollection("read_models").find(eq("_id", "threads")).first();
            long generation = state == null ? 0 : state.get("active", Number.class).longValue();
            String suffix = generation == 0 ? "" : "_g" + generation;
            Map<Object, Document> threads = new HashMap<>();
            db.getCollection("threads" + suffix).find().forEach(d -> threads.put(d.get("_id"), d));
            // Each reply's page, by reply id.
            Map<Object, Document> pageOf = new HashMap<>();
            db.getCollection("thread_pages" + suffix).find()
                    .forEach(p -> p.getList("replyIds", String.class).forEach(id -> pageOf.put(id, p)));
            List<Object> replyIds = new ArrayList<>(pageOf.keySet());
            // Read a window at a time: the embedded server answers a whole-collection find in
            // one reply, larger than the driver accepts.
            Map<Object, Document> replies = new HashMap<>();
            for (int i = 0; i < replyIds.size(); i += 1000) {
                db.getCollection("replies" + suffix).find(com.mongodb.client.model.Filters.in("_id",
                        replyIds.subList(i, Math.min(replyIds.size(), i + 1000)))).forEach(d -> replies.put(d.get("_id"), d));
            }
            Targets targets = new Targets(db.getCollection("bench_replies"), db.getCollection("bench_pages"),
                    db.getCollection("bench_threads"));
            long start = System.nanoTime();
            AtomicInteger scanned = new AtomicInteger();
            Touched touched = new Touched();
            // In order of the global index, 1,000 at a time, by _id: the embedded server serves a
            // sorted whole-collection find as one reply (too large), and ranges by scanning.
            long head = db.getCollection("counters").find(eq("_id", "events")).first().get("value", Number.class).longValue();
            for (long from = 1; from <= head; from += 1000) {
                List<Long> window = java.util.stream.LongStream.range(from, Math.min(head + 1, from + 1000)).boxed().toList();
                List<Document> events = db.getCollection("events").find(com.mongodb.client.model.Filters.in("_id", window))
                        .into(new ArrayList<>());
                events.sort(java.util.Comparator.comparingLong(d -> d.get("_id", Number.class).longValue()));
                for (Document event : events) {
                    scanned.incrementAndGet();
                    Document reply = replies.get(event.getString("aggregateIdentifier"));
                    if (reply != null) {
                        touched.replies.add(reply);
                        touched.pages.add(pageOf.get(reply.get("_id")));
                        touched.threads.add(threads.get(reply.get("postId")));
                    }
                }
                targets.write(touched);
            }
            targets.write(touched);
            return scanned.get() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The documents a baseline batch touched: each once. */
    private static final class Touched {
        final List<Document> replies = new ArrayList<>();
        final Set<Document> pages = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        final Set<Document> threads = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    }

    private record Targets(MongoCollection<Document> replies, MongoCollection<Document> pages,
            MongoCollection<Document> threads) {

        void write(Touched touched) {
            upsert(replies, touched.replies);
            upsert(pages, touched.pages);
            upsert(threads, touched.threads);
            touched.replies.clear();
            touched.pages.clear();
            touched.threads.clear();
        }

        private static void upsert(MongoCollection<Document> target, java.util.Collection<Document> documents) {
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (Document d : documents) {
                if (d != null) {
                    writes.add(new ReplaceOneModel<>(eq("_id", d.get("_id")), d, new ReplaceOptions().upsert(true)));
                }
            }
            if (!writes.isEmpty()) {
                target.bulkWrite(writes);
            }
        }
    }

    // ---- split: command side and query side as separate processes on one MongoDB

    /** Cross-process lag: replies sent to the command side, heard on the query side's live stream. */
    private void split(String mongoUri) throws Exception {
        Map<String, String> env = Api.env(mongoUri + "split");
        try (Proc command = Proc.start(Proc.COMMAND_SIDE, Proc.freePort(), env, work.resolve("split-command-side.log"));
             Proc query = Proc.start(Proc.QUERY_SIDE, Proc.freePort(), env, work.resolve("split-query-side.log"))) {
            // Started together, as a deployment would: no figure is taken while they start.
            command.awaitHealthy();
            query.awaitHealthy();
            Api api = new Api(command.port);
            String token = api.author("bench");
            List<String> ids = posts(api, token);
            Api reads = new Api(query.port);
            await(() -> {
                try {
                    reads.send("GET", "/posts/" + ids.get(ids.size() - 1), "Bearer " + token, null, 200);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(60), "the query side to see the posts");
            lag("split_lag_p99_ms", command, query.port, token, ids, "command side and query side apart", 500);
        }
    }

    // ---- lag and fan-out: the standalone process, with its own embedded MongoDB

    private void live() throws Exception {
        try (Proc app = Proc.serving(Proc.STANDALONE, Map.of("INKSTREAM_ADMIN_PASSWORD", Api.ADMIN_PASSWORD,
                "INKSTREAM_TOKEN_SECRET", Api.TOKEN_SECRET, "INKSTREAM_DATA_DIR", work.resolve("standalone").toString()), work.resolve("standalone.log"))) {
            Api api = new Api(app.port);
            String token = api.author("bench");
            lag("lag_p99_ms", app, app.port, token, posts(api, token), "standalone", 100);
            fanout(app, api, token);
        }
    }

    /**
     * p99 from a reply's acknowledgement to its arrival on the thread's live stream, which the
     * projection sends after the reply is readable: so an upper bound of the time to readable.
     */
    private static List<String> posts(Api api, String token) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(api.publish("bench", token, "Lag " + i));
        }
        return ids;
    }

    private void lag(String name, Proc command, int queryPort, String token, List<String> ids, String where,
            int target) throws Exception {
        int posts = ids.size();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        Map<String, Long> acked = new ConcurrentHashMap<>();
        WebClient watchers = Load.client(queryPort, posts + 10);
        AtomicInteger snapshots = new AtomicInteger();
        List<Disposable> streams = new ArrayList<>();
        for (String post : ids) {
            streams.add(Load.watch(watchers, post, snapshots::incrementAndGet,
                    reply -> arrived.putIfAbsent(reply, System.nanoTime())));
        }
        await(() -> snapshots.get() == posts, Duration.ofSeconds(60), "live streams to start");
        WebClient client = Load.client(command.port, HTTP_CONNECTIONS);
        AtomicInteger next = new AtomicInteger();
        java.util.function.Supplier<Mono<?>> call = () -> client.post()
                .uri("/posts/{postId}/replies", ids.get(Math.floorMod(next.getAndIncrement(), posts)))
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("body", AppendWorker.BODY)).retrieve().bodyToMono(Map.class)
                .doOnNext(answer -> acked.put(Load.replyId(answer), System.nanoTime()));
        command.warmUp(Duration.ofSeconds(warmup), warmupMax, () -> Load.closedLoop(HTTP_CONNECTIONS, window, call));
        double max = Load.closedLoop(HTTP_CONNECTIONS, Duration.ofSeconds(seconds), call);
        await(() -> arrived.keySet().containsAll(acked.keySet()), Duration.ofSeconds(60), "the load to drain");
        acked.clear();
        long failed = Load.openLoop(max / 2, Duration.ofSeconds(seconds * 2L), call);
        await(() -> arrived.keySet().containsAll(acked.keySet()), Duration.ofSeconds(30), "every reply to arrive");
        double[] lags = acked.entrySet().stream()
                .mapToDouble(e -> Math.max(0, arrived.get(e.getKey()) - e.getValue()) / 1e6).toArray();
        streams.forEach(Disposable::dispose);
        ratio(name, Load.percentile(lags, 99), String.format(
                "acknowledged -> on the thread's live stream, %d replies at %.0f/s = half of the %.0f/s maximum (%s), "
                        + "%d failed, p50 %.1f ms; target <= %d", lags.length, max / 2, max, where, failed,
                Load.percentile(lags, 50), target));
    }

    /** p99 from a reply's acknowledgement to its arrival at each of {@code SUBSCRIBERS} subscribers of one thread. */
    private void fanout(Proc app, Api api, String token) throws Exception {
        String post = api.publish("bench", token, "A busy thread");
        int replies = quick ? 10 : 30;
        long heapBefore = app.heapAfterGc();
        WebClient watchers = Load.client(app.port, SUBSCRIBERS + 10);
        AtomicInteger snapshots = new AtomicInteger();
        Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
        List<Disposable> streams = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            streams.add(Load.watch(watchers, post, snapshots::incrementAndGet, reply -> arrivals
                    .computeIfAbsent(reply, r -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(System.nanoTime())));
        }
        await(() -> snapshots.get() == SUBSCRIBERS, Duration.ofSeconds(120), SUBSCRIBERS + " subscribers to start");
        long heapAfter = app.heapAfterGc();
        WebClient client = Load.client(app.port, 1);
        List<Long> latencies = new ArrayList<>();
        int late = 0;
        for (int i = 0; i < replies + 3; i++) {
            Map<?, ?> answer = client.post().uri("/posts/{postId}/replies", post)
                    .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("body", AppendWorker.BODY)).retrieve().bodyToMono(Map.class).block();
            long ack = System.nanoTime();
            String reply = Load.replyId(answer);
            boolean all = awaitQuietly(() -> arrivals.getOrDefault(reply, List.of()).size() == SUBSCRIBERS,
                    Duration.ofSeconds(10));
            if (i < 3) {
                continue; // warm-up
            }
            if (!all) {
                late += SUBSCRIBERS - arrivals.getOrDefault(reply, List.of()).size();
            }
            for (long at : List.copyOf(arrivals.getOrDefault(reply, List.of()))) {
                latencies.add(Math.max(0, at - ack));
            }
            Proc.pause(200);
        }
        streams.forEach(Disposable::dispose);
        double[] ms = latencies.stream().mapToDouble(n -> n / 1e6).toArray();
        double perSubscriber = (heapAfter - heapBefore) / (double) SUBSCRIBERS;
        ratio("fanout_p99_ms", Load.percentile(ms.clone(), 99), String.format(
                "acknowledged -> arrived, %d replies x %d subscribers of one thread, %d deliveries missing after 10 s, "
                        + "p50 %.1f ms; target <= 1000", replies, SUBSCRIBERS, late, Load.percentile(ms, 50)));
        ratio("fanout_heap_per_subscriber_kib", perSubscriber / 1024, String.format(
                "heap after a full GC: %d MiB before, %d MiB with %d subscribers; target <= 32",
                heapBefore >> 20, heapAfter >> 20, SUBSCRIBERS));
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration atMost, String what) {
        if (!awaitQuietly(condition, atMost)) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }

    private static boolean awaitQuietly(java.util.function.BooleanSupplier condition, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Proc.pause(5);
        }
        return condition.getAsBoolean();
    }
}
