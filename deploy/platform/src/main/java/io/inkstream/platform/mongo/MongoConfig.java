package io.inkstream.platform.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two views of one database: the synchronous driver for Axon's blocking handlers, the
 * Reactive Streams driver for everything served over HTTP. Boot builds both clients from
 * {@code spring.data.mongodb.uri}, which {@code MONGODB_URI} sets.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfig {

    /** The database named in the URI, else {@code inkstream}. */
    @Bean
    MongoDatabaseName mongoDatabaseName(@Value("${spring.data.mongodb.uri}") String uri) {
        String named = new ConnectionString(uri).getDatabase();
        return new MongoDatabaseName(named == null || named.isBlank() ? "inkstream" : named);
    }

    /**
     * The synchronous client, with every customizer Boot would apply but the one that moves it
     * onto the reactive client's Netty transport: the blocking event-store path spends less CPU
     * per operation on the driver's own socket transport.
     */
    @Bean(destroyMethod = "close")
    com.mongodb.client.MongoClient mongoClient(MongoClientSettings settings,
            ObjectProvider<MongoClientSettingsBuilderCustomizer> customizers) {
        MongoClientSettings.Builder builder = MongoClientSettings.builder(settings);
        customizers.orderedStream()
                .filter(c -> !c.getClass().getSimpleName().startsWith("NettyDriver"))
                .forEach(c -> c.customize(builder));
        return com.mongodb.client.MongoClients.create(builder.build());
    }

    @Bean
    com.mongodb.client.MongoDatabase mongoDatabase(com.mongodb.client.MongoClient client, MongoDatabaseName name) {
        return client.getDatabase(name.value());
    }

    @Bean
    com.mongodb.reactivestreams.client.MongoDatabase reactiveMongoDatabase(
            com.mongodb.reactivestreams.client.MongoClient client, MongoDatabaseName name) {
        return client.getDatabase(name.value());
    }

    /**
     * Without MongoDB, a request fails within seconds instead of waiting the driver's default
     * thirty: commands answer 503, and the client may retry.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer failFast(
            @Value("${inkstream.mongo.server-selection-timeout:3s}") Duration serverSelection,
            @Value("${inkstream.mongo.connect-timeout:2s}") Duration connect) {
        return settings -> settings
                .applyToClusterSettings(c -> c.serverSelectionTimeout(serverSelection.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS));
    }

    public record MongoDatabaseName(String value) {
    }
}
