package io.inkstream.bench;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.HttpHandlerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.ReactiveWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.WebFluxAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The baselines of the {@code http}, {@code reads} and {@code writes} parts: a plain Spring Boot
 * WebFlux process on the same MongoDB with the reactive driver. It inserts a posted reply as a
 * document of the shape our event has; as a CRUD app would, it stores a reply and its post's
 * count, and serves a post page and a thread: one {@code findOne} by {@code _id}, one query by
 * post, documents already shaped as the answers.
 * No checks, no events, no security: what the platform itself costs.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ReactiveWebServerFactoryAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
        WebFluxAutoConfiguration.class, JacksonAutoConfiguration.class, CodecsAutoConfiguration.class})
class BaselineServer {

    record Reply(String body, String authorName) {
    }

    static void main(Map<String, String> args) {
        new SpringApplicationBuilder(BaselineServer.class)
                .properties(Map.of("server.port", System.getenv().getOrDefault("PORT", "8090")))
                .properties(Map.of("bench.uri", args.get("uri"), "spring.main.banner-mode", "off"))
                .run();
    }

    @Bean(destroyMethod = "close")
    MongoClient baselineClient(org.springframework.core.env.Environment env) {
        return MongoClients.create(env.getRequiredProperty("bench.uri"));
    }

    @Bean
    RouterFunction<ServerResponse> replies(MongoClient client, org.springframework.core.env.Environment env) {
        String database = new com.mongodb.ConnectionString(env.getRequiredProperty("bench.uri")).getDatabase();
        MongoCollection<Document> target = client.getDatabase(database).getCollection("bench_http_inserts");
        return RouterFunctions.route().POST("/posts/{postId}/replies", request -> request.bodyToMono(Reply.class)
                .flatMap(reply -> {
                    String replyId = UUID.randomUUID().toString();
                    String postId = request.pathVariable("postId");
                    Document doc = new Document("stream", replyId + "/0")
                            .append("aggregateIdentifier", replyId)
                            .append("sequenceNumber", 0L)
                            .append("type", "Reply")
                            .append("eventIdentifier", UUID.randomUUID().toString())
                            .append("timestamp", java.time.Instant.now().toString())
                            .append("payloadType", "io.inkstream.api.reply.ReplyAdded")
                            .append("payloadRevision", "1")
                            .append("payload", "{\"replyId\":\"" + replyId + "\",\"postId\":\"" + postId
                                    + "\",\"parentReplyId\":null,\"body\":" + quoted(reply.body())
                                    + ",\"authorName\":\"bench\",\"authorEmail\":null,\"authorUrl\":null,"
                                    + "\"authorLogin\":\"bench\"}")
                            .append("metaData", "{\"principal\":\"bench\",\"correlationId\":\""
                                    + UUID.randomUUID() + "\"}");
                    return Mono.from(target.insertOne(doc)).thenReturn(Map.of("replyId", replyId, "postId", postId));
                })
                .flatMap(answer -> ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(answer)))
                .GET("/crud/posts/{postId}", request -> Mono.from(client.getDatabase(database).getCollection("crud_posts")
                                .find(com.mongodb.client.model.Filters.eq("_id", request.pathVariable("postId"))).first())
                        .flatMap(page -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(page))
                        .switchIfEmpty(ServerResponse.notFound().build()))
                .GET("/crud/posts/{postId}/replies", request -> reactor.core.publisher.Flux.from(client.getDatabase(database)
                                .getCollection("crud_replies")
                                .find(com.mongodb.client.model.Filters.eq("postId", request.pathVariable("postId")))
                                .projection(new Document("postId", 0)))
                        .collectList()
                        .flatMap(replies -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("postId", request.pathVariable("postId"), "replyCount", replies.size(),
                                        "replies", replies))))
                // A CRUD app's reply: its document, and its post's count, side by side.
                .POST("/crud/posts/{postId}/replies", request -> request.bodyToMono(Reply.class).flatMap(reply -> {
                    String replyId = UUID.randomUUID().toString();
                    String postId = request.pathVariable("postId");
                    var db = client.getDatabase(database);
                    Document doc = new Document("_id", replyId).append("postId", postId).append("body", reply.body())
                            .append("authorName", "bench").append("createdAt", java.util.Date.from(java.time.Instant.now()));
                    return Mono.when(db.getCollection("crud_replies").insertOne(doc),
                                    db.getCollection("crud_posts").updateOne(com.mongodb.client.model.Filters.eq("_id", postId),
                                            com.mongodb.client.model.Updates.inc("replyCount", 1),
                                            new com.mongodb.client.model.UpdateOptions().upsert(true)))
                            .then(ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(Map.of("replyId", replyId, "postId", postId, "status", "published")));
                }))
                .GET("/actuator/health", request -> ServerResponse.ok().bodyValue(Map.of("status", "UP")))
                .build();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
