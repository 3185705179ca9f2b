package io.inkstream.platform.security;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.List;
import org.bson.Document;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import reactor.core.publisher.Mono;

/**
 * Logins and their password hashes. Authors' logins live in the {@code credentials} collection,
 * written by the command side when an author registers; the admin login comes from configuration.
 * Passwords never reach an event, a log or a read model.
 */
public class Credentials implements ReactiveUserDetailsService {

    public static final String COLLECTION = "credentials";
    public static final String ADMIN_LOGIN = "admin";
    public static final String HASH = "passwordHash";
    public static final String ROLES = "roles";

    private final MongoCollection<Document> collection;
    private final UserDetails admin;

    public Credentials(MongoDatabase database, UserDetails admin) {
        this.collection = database.getCollection(COLLECTION);
        this.admin = admin;
    }

    @Override
    public Mono<UserDetails> findByUsername(String login) {
        if (ADMIN_LOGIN.equals(login)) {
            return Mono.justOrEmpty(admin);
        }
        return Mono.from(collection.find(new Document("_id", login)).first())
                .map(doc -> User.withUsername(login)
                        .password(doc.getString(HASH))
                        .roles(doc.getList(ROLES, String.class, List.of("AUTHOR")).toArray(String[]::new))
                        .build());
    }
}
