package io.inkstream.command.reply;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.inkstream.api.Actor;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Approved commenters in {@code approved_commenters}, one document per key. An email is kept as
 * a keyed hash (HMAC-SHA256 under a key derived from the token secret, which every command side
 * shares): the set can tell a commenter again without holding their address, and a dump of it
 * cannot be matched against a list of addresses without the secret. A new token secret forgets
 * every commenter: their next reply waits once more.
 */
@Component
class MongoCommenters implements Commenters {

    static final String COLLECTION = "approved_commenters";

    private final MongoCollection<Document> approved;
    private final SecretKeySpec key;

    MongoCommenters(MongoDatabase database, SecretKey tokenKey) {
        this.approved = database.getCollection(COLLECTION);
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(tokenKey.getEncoded(), "HmacSHA256"),
                "inkstream commenters"), "HmacSHA256");
    }

    @Override
    public String key(Actor actor, String email) {
        if (!actor.anonymous()) {
            return "login:" + actor.login();
        }
        if (email == null || email.isBlank()) {
            return null;
        }
        return "email:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(key, normalized(email)));
    }

    /** One address however it is written: case and surrounding space do not make another commenter. */
    static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean approved(String commenter) {
        return commenter != null && approved.find(eq("_id", commenter)).first() != null;
    }

    @Override
    public void approve(String commenter) {
        if (commenter != null) {
            approved.replaceOne(eq("_id", commenter), new Document("_id", commenter), new ReplaceOptions().upsert(true));
        }
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
