package io.inkstream.platform.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC key that signs bearer tokens: from {@code INKSTREAM_TOKEN_SECRET}; else, in
 * standalone mode, a random secret kept in the data directory so tokens survive a restart;
 * else a random one for this process alone.
 */
final class TokenKey {

    private static final Logger log = LoggerFactory.getLogger(TokenKey.class);

    private TokenKey() {
    }

    static SecretKey resolve(String secret, String secretFile) {
        if (secret != null && !secret.isBlank()) {
            return derive(secret);
        }
        if (secretFile != null && !secretFile.isBlank()) {
            return derive(SecretFile.readOrCreate(Path.of(secretFile), TokenKey::random, "a token secret").trim());
        }
        log.warn("INKSTREAM_TOKEN_SECRET is not set: tokens this process issues are valid only here, until it stops");
        return derive(random());
    }

    /** SHA-256 of the secret, so any secret length gives a full-strength HS256 key. */
    private static SecretKey derive(String secret) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(key, "HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
