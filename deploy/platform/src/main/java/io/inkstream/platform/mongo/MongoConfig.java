package io.inkstream.platform.mongo;

import com.mongodb.ConnectionString;
import org.springframework.beans.factory.annotation.Value;
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

    @Bean
    com.mongodb.client.MongoDatabase mongoDatabase(com.mongodb.client.MongoClient client, MongoDatabaseName name) {
        return client.getDatabase(name.value());
    }

    @Bean
    com.mongodb.reactivestreams.client.MongoDatabase reactiveMongoDatabase(
            com.mongodb.reactivestreams.client.MongoClient client, MongoDatabaseName name) {
        return client.getDatabase(name.value());
    }

    public record MongoDatabaseName(String value) {
    }
}
