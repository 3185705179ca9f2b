package io.inkstream.platform.privacy;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Date;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Vault} over Google Tink: one AES-256-GCM key per owner and generation, kept in
 * {@code commenter_keys} encrypted under the master key (envelope encryption), so the database
 * alone does not open anything. Destroying a key removes it and keeps a tombstone: what was
 * sealed under it opens as erased, and the owner's next data gets a key of a new generation.
 * A value whose key is neither there nor erased opens as {@link #UNAVAILABLE}, logged as an
 * error: a lost key store is loud, never silent.
 */
public class TinkVault implements Vault {

    public static final String COLLECTION = "commenter_keys";

    private static final Logger log = LoggerFactory.getLogger(TinkVault.class);
    private static final String KEYSET = "keyset";
    private static final String GENERATION = "generation";

    /** An owner's key as last read: its generation, and the key while it is not destroyed. */
    private record Key(long generation, Aead aead) {
    }

    private final MongoCollection<Document> keys;
    private final Aead master;
    /**
     * Keys are read once a minute, not once a reply: a key destroyed by another process is
     * dropped here by {@link #forget} when its erasure event comes, and within a minute anyway.
     */
    private final Cache<String, Key> known = Caffeine.newBuilder().maximumSize(KEPT)
            .expireAfterWrite(java.time.Duration.ofMinutes(1)).build();

    /**
     * Keys kept in memory: a key with its cipher is a few KB, so a pass over many commenters
     * (a dry run, an export, a replay) holds a bounded few MB, the recent ones.
     */
    static final int KEPT = 2_000;

    public TinkVault(MongoDatabase database, Aead master) {
        this.keys = database.getCollection(COLLECTION);
        this.master = master;
    }

    @Override
    public String seal(String owner, String text) {
        if (text == null) {
            return null;
        }
        Key key = current(owner);
        try {
            byte[] sealed = key.aead().encrypt(text.getBytes(StandardCharsets.UTF_8), context(owner, key.generation()));
            return PREFIX + owner + "/" + key.generation() + "/" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal for " + owner, e);
        }
    }

    @Override
    public String open(String value) {
        if (!Vault.sealed(value)) {
            return value;
        }
        String[] parts = value.split("/", 4);
        if (parts.length != 4) {
            return UNAVAILABLE;
        }
        String owner = parts[1];
        long generation;
        try {
            generation = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return UNAVAILABLE;
        }
        Key key = known.getIfPresent(owner);
        if (key == null || key.generation() < generation) {
            try {
                key = read(owner);
            } catch (IllegalStateException e) {
                log.error("The key of {} does not open with the master key: is INKSTREAM_PRIVACY_KEY the one it was made with?",
                        owner);
                return UNAVAILABLE;
            }
        }
        if (key == null) {
            log.error("No key for {} and no erasure of it: the key store is not the one these events were sealed with", owner);
            return UNAVAILABLE;
        }
        if (key.generation() > generation || key.aead() == null) {
            return ERASED;
        }
        try {
            return new String(key.aead().decrypt(Base64.getUrlDecoder().decode(parts[3]), context(owner, generation)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            log.error("A value sealed for {} does not open with its key", owner);
            return UNAVAILABLE;
        }
    }

    @Override
    public void destroy(String owner) {
        Document tombstone = new Document("_id", owner).append(GENERATION, 1L).append("erasedAt", new Date());
        try {
            keys.insertOne(tombstone);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            keys.updateOne(and(eq("_id", owner), exists(KEYSET)),
                    Updates.combine(Updates.unset(KEYSET), Updates.set("erasedAt", new Date())));
        }
        known.invalidate(owner);
    }

    @Override
    public void forget(String owner) {
        known.invalidate(owner);
    }

    /**
     * The owner's key to seal with: a new one is inserted first (one round trip for a new
     * commenter), the stored one read when there is one; after an erasure, one of the next
     * generation replaces the tombstone.
     */
    private Key current(String owner) {
        Key key = known.getIfPresent(owner);
        if (key != null && key.aead() != null) {
            return key;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            Document stored = attempt == 0 ? null : keys.find(eq("_id", owner)).first();
            if (stored != null && stored.get(KEYSET) != null) {
                return remember(owner, stored);
            }
            long generation = stored == null ? 1 : stored.get(GENERATION, Number.class).longValue() + 1;
            Document fresh = new Document("_id", owner).append(GENERATION, generation)
                    .append(KEYSET, new Binary(newKeyset(owner, generation))).append("createdAt", new Date());
            try {
                if (stored == null) {
                    keys.insertOne(fresh);
                } else if (keys.replaceOne(and(eq("_id", owner), eq(GENERATION, stored.get(GENERATION)),
                        exists(KEYSET, false)), fresh).getModifiedCount() == 0) {
                    continue; // another process made the key first: use theirs
                }
                return remember(owner, fresh);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("cannot make a key for " + owner);
    }

    private Key read(String owner) {
        Document stored = keys.find(eq("_id", owner)).first();
        return stored == null ? null : remember(owner, stored);
    }

    private Key remember(String owner, Document stored) {
        long generation = stored.get(GENERATION, Number.class).longValue();
        Binary keyset = stored.get(KEYSET, Binary.class);
        Key key;
        try {
            key = new Key(generation, keyset == null ? null : TinkProtoKeysetFormat
                    .parseEncryptedKeyset(keyset.getData(), master, context(owner, generation))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key of " + owner + " does not open with the master key", e);
        }
        known.put(owner, key);
        return key;
    }

    private byte[] newKeyset(String owner, long generation) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, master, context(owner, generation));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Binds a ciphertext and a wrapped key to their owner and generation: neither can pass for another's. */
    private static byte[] context(String owner, long generation) {
        return (owner + "/" + generation).getBytes(StandardCharsets.UTF_8);
    }
}
