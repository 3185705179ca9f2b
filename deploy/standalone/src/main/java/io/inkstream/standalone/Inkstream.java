package io.inkstream.standalone;

import io.inkstream.embedded.EmbeddedMongo;
import io.inkstream.platform.axon.EventStoreConfig;
import io.inkstream.query.ReadModels;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.env.SimpleCommandLinePropertySource;

/**
 * The whole backend in one process. Modes ({@code --inkstream.mode}, or {@code INKSTREAM_MODE}):
 * {@code all} (the default) runs both sides on one port; {@code mongo} runs only the embedded
 * MongoDB on {@code MONGODB_PORT}, for split mode on one machine ({@code INKSTREAM_MONGO_STORAGE=memory}
 * keeps that one in memory only: for tests and benchmarks).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = {"io.inkstream.platform", "io.inkstream.command", "io.inkstream.query"},
        // Each side's own application class would import its scan and configuration a second time.
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class Inkstream {

    private static final Logger log = LoggerFactory.getLogger(Inkstream.class);

    public static void main(String[] args) throws InterruptedException {
        Settings settings = new Settings(args);
        if ("mongo".equals(settings.get("inkstream.mode", "INKSTREAM_MODE", "all"))) {
            String host = settings.get("inkstream.mongo.host", "MONGODB_HOST", "127.0.0.1");
            int port = Integer.parseInt(settings.get("inkstream.mongo.port", "MONGODB_PORT", "27017"));
            // memory: nothing is kept across a stop; for tests and benchmarks, never for data.
            EmbeddedMongo mongo = "memory".equals(settings.get("inkstream.mongo.storage", "INKSTREAM_MONGO_STORAGE", "disk"))
                    ? EmbeddedMongo.inMemory(host, port)
                    : EmbeddedMongo.onDisk(settings.dataDir(), host, port, Inkstream::mayLoseLatestWrites);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                mongo.close();
                stopped.countDown();
            }, "embedded-mongo-stop"));
            stopped.await();
            return;
        }
        start(args);
    }

    /**
     * The collections whose writes the embedded MongoDB answers before they are on disk (within
     * a second they are): read models and tokens, which the processors redo after a crash, and
     * the event counter, committed with the events it numbers.
     */
    static boolean mayLoseLatestWrites(String collection) {
        return ReadModels.rebuildable(collection) || EventStoreConfig.mayLoseLatestWrites(collection);
    }

    /** Starts both sides, and the embedded MongoDB first unless {@code MONGODB_URI} is set. */
    public static Running start(String... args) {
        Settings settings = new Settings(args);
        EmbeddedMongo mongo = null;
        // This application's defaults, not the JVM's: a second backend started in the same JVM
        // (the tests do) must not take this one's data directory, keys and MongoDB.
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("inkstream.data-dir", settings.dataDir().toString());
        if (settings.get("spring.data.mongodb.uri", "MONGODB_URI", "").isBlank()) {
            // Its own process alone: it has no authentication, and holds the password hashes.
            mongo = EmbeddedMongo.onDisk(settings.dataDir(), "127.0.0.1", 0, Inkstream::mayLoseLatestWrites, true);
            defaults.put("inkstream.embedded-mongo.uri", mongo.uri("inkstream"));
        }
        try {
            SpringApplication application = new SpringApplication(Inkstream.class);
            application.setDefaultProperties(defaults);
            ConfigurableApplicationContext context = application.run(args);
            Running running = new Running(context, mongo);
            // Boot's own hook closes the context; this one then stops MongoDB, after the last write.
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "inkstream-stop"));
            return running;
        } catch (RuntimeException e) {
            if (mongo != null) {
                mongo.close();
            }
            throw e;
        }
    }

    /** A started backend; closing it stops the application, then its embedded MongoDB. */
    public record Running(ConfigurableApplicationContext context, EmbeddedMongo mongo) implements AutoCloseable {

        @Override
        public void close() {
            context.close();
            if (mongo != null) {
                mongo.close();
                log.info("Embedded MongoDB stopped");
            }
        }
    }

    /** A setting from the command line, else the environment, else a default. */
    private record Settings(SimpleCommandLinePropertySource args) {

        Settings(String[] args) {
            this(new SimpleCommandLinePropertySource(args));
        }

        String get(String property, String variable, String fallback) {
            String fromArgs = args.getProperty(property);
            if (fromArgs != null) {
                return fromArgs;
            }
            String fromEnv = System.getenv(variable);
            return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
        }

        Path dataDir() {
            return Path.of(get("inkstream.data-dir", "INKSTREAM_DATA_DIR", "./data"));
        }
    }
}
