package io.inkstream.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who a commenter is, without their address: {@code email:} and a keyed hash (HMAC-SHA256 under
 * a key derived from the token secret, which every side shares) of the normalized email. The
 * same address, however it is written, is one commenter; a list of addresses cannot be matched
 * against these keys without the secret. A new token secret makes every commenter new.
 */
public final class CommenterKeys {

    private final SecretKeySpec key;

    public CommenterKeys(SecretKey tokenKey) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(tokenKey.getEncoded(), "HmacSHA256"),
                "inkstream commenters"), "HmacSHA256");
    }

    /** The key of the commenter with this email; null without one. */
    public String of(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return "email:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, normalized(email)));
    }

    /**
     * The key of a commenter who gave no email, by the name they gave: their data is sealed under
     * one key per name rather than one per reply (a key made per reply was two more round trips
     * on every such reply).
     */
    public String ofName(String name) {
        return "name:" + hash(name.strip().toLowerCase(Locale.ROOT));
    }

    /** A keyed hash of any text under the same key: for ids that must not give away what they are made of. */
    public String hash(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, text));
    }

    /**
     * Whether an email stored with a reply is this one, stored in clear (before personal data
     * was sealed): such a reply is the commenter's, though no key names them in it.
     */
    public static boolean inClear(String storedEmail, String email) {
        return storedEmail != null && !Vault.sealed(storedEmail) && normalized(storedEmail).equals(normalized(email));
    }

    /** One address however it is written: case and surrounding space do not make another commenter. */
    public static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
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
