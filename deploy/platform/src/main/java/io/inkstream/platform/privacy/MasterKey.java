package io.inkstream.platform.privacy;

import static com.mongodb.client.model.Filters.eq;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.inkstream.platform.security.SecretFile;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that wraps every commenter's key: from {@code INKSTREAM_PRIVACY_KEY} (a Tink JSON
 * keyset); else from a file ({@code INKSTREAM_PRIVACY_KEY_FILE}, made on first start, the
 * standalone's default); else, so that every process of a deployment finds the same one, made
 * once in the database, with a warning: kept beside the keys it wraps, it protects nothing
 * against a copy of the database, though erasure still works.
 */
public final class MasterKey {

    static final String COLLECTION = "privacy_master";
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {
    }

    public static Aead resolve(String keyset, String file, MongoDatabase database) {
        try {
            AeadConfig.register();
            String json;
            if (keyset != null && !keyset.isBlank()) {
                json = keyset;
            } else if (file != null && !file.isBlank()) {
                json = SecretFile.readOrCreate(Path.of(file), MasterKey::generateUnchecked,
                        "the privacy master key (back it up apart from the database)");
            } else {
                json = fromDatabase(database.getCollection(COLLECTION));
            }
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get())
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the privacy master key is not a Tink AEAD keyset", e);
        }
    }

    private static String generateUnchecked() {
        try {
            return generate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new master keyset, as JSON: what to put in INKSTREAM_PRIVACY_KEY or its file. */
    public static String generate() throws GeneralSecurityException {
        AeadConfig.register();
        return TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                InsecureSecretKeyAccess.get());
    }

    private static String fromDatabase(MongoCollection<Document> master) throws GeneralSecurityException {
        log.warn("INKSTREAM_PRIVACY_KEY is not set: the master key of commenters' keys is kept in the database, "
                + "beside them. Set INKSTREAM_PRIVACY_KEY (or _FILE) to keep it apart (see deploy/README.md)");
        Document found = master.find(eq("_id", "master")).first();
        if (found == null) {
            try {
                master.insertOne(new Document("_id", "master").append("keyset", generate()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            found = master.find(eq("_id", "master")).first();
        }
        return found.getString("keyset");
    }
}
