package io.inkstream.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.HttpHandlerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.ReactiveWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.WebFluxAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The writes baseline an Axon user would build: Axon Framework with its own
 * {@link JdbcEventStorageEngine} on PostgreSQL, a reply aggregate, and a tracking processor
 * projecting each reply into a table and its post's count, tokens in PostgreSQL too. Configured
 * as Axon's reference guide does for JDBC (Spring's transaction manager over a Hikari pool),
 * served by the same WebFlux as the other baselines, commands sent off the event loop.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ReactiveWebServerFactoryAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
        WebFluxAutoConfiguration.class, JacksonAutoConfiguration.class, CodecsAutoConfiguration.class})
class AxonJdbcServer {

    record AddReply(@TargetAggregateIdentifier String replyId, String postId, String body) {
    }

    record ReplyAdded(String replyId, String postId, String body, String authorName) {
    }

    record Reply(String body) {
    }

    static void main(Map<String, String> args) {
        new SpringApplicationBuilder(AxonJdbcServer.class)
                .properties(Map.of("server.port", System.getenv().getOrDefault("PORT", "8091")))
                .properties(Map.of("bench.jdbc", args.get("jdbc"), "spring.main.banner-mode", "off"))
                .run();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(Environment env) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(env.getRequiredProperty("bench.jdbc"));
        config.setMaximumPoolSize(32);
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "shutdown")
    Configuration axon(DataSource dataSource) {
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections).transactionManager(transactions)
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        JdbcTokenStore tokens = JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer).build();
        tokens.createSchema(PostgresTokenTableFactory.INSTANCE);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS replies (reply_id VARCHAR(64) PRIMARY KEY, post_id VARCHAR(64) NOT NULL,"
                + " body TEXT NOT NULL, author_name VARCHAR(200), created_at TIMESTAMPTZ NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS posts (post_id VARCHAR(64) PRIMARY KEY, reply_count BIGINT NOT NULL)");
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureTransactionManager(c -> transactions)
                .configureEmbeddedEventStore(c -> engine)
                .configureSerializer(c -> serializer)
                .configureAggregate(ReplyAggregate.class)
                .eventProcessing(processing -> processing
                        .registerTokenStore(c -> tokens)
                        .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                                .forSingleThreadedProcessing().andBatchSize(100))
                        .registerEventHandler(c -> new ReplyProjection(jdbc)))
                .buildConfiguration();
        axon.start();
        return axon;
    }

    @Bean
    RouterFunction<ServerResponse> routes(Configuration axon) {
        CommandGateway commands = axon.commandGateway();
        return RouterFunctions.route()
                .POST("/posts/{postId}/replies", request -> request.bodyToMono(Reply.class).flatMap(reply -> {
                    String replyId = UUID.randomUUID().toString();
                    String postId = request.pathVariable("postId");
                    // The simple command bus handles a command on the sender's thread: JDBC blocks.
                    return Mono.fromCallable(() -> commands.sendAndWait(new AddReply(replyId, postId, reply.body())))
                            .subscribeOn(Schedulers.boundedElastic())
                            .then(ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(Map.of("replyId", replyId, "postId", postId, "status", "published")));
                }))
                .GET("/actuator/health", request -> ServerResponse.ok().bodyValue(Map.of("status", "UP")))
                .build();
    }

    /** A reply, as small as an aggregate gets: it is added once. */
    static class ReplyAggregate {

        @AggregateIdentifier
        private String replyId;

        ReplyAggregate() {
        }

        @CommandHandler
        ReplyAggregate(AddReply command) {
            AggregateLifecycle.apply(new ReplyAdded(command.replyId(), command.postId(), command.body(), "bench"));
        }

        @EventSourcingHandler
        void on(ReplyAdded event) {
            this.replyId = event.replyId();
        }
    }

    /** The read model: the reply's row, and its post's count, idempotent as a projection must be. */
    static class ReplyProjection {

        private final JdbcTemplate jdbc;

        ReplyProjection(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(ReplyAdded event) {
            int added = jdbc.update("INSERT INTO replies (reply_id, post_id, body, author_name, created_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (reply_id) DO NOTHING", event.replyId(), event.postId(),
                    event.body(), event.authorName(), Timestamp.from(Instant.now()));
            if (added == 1) {
                jdbc.update("INSERT INTO posts (post_id, reply_count) VALUES (?, 1)"
                        + " ON CONFLICT (post_id) DO UPDATE SET reply_count = posts.reply_count + 1", event.postId());
            }
        }
    }
}
