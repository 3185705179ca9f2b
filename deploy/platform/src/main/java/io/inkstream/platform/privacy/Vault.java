package io.inkstream.platform.privacy;

/**
 * Seals personal data under a key of its owner's (a commenter), so that destroying the key
 * erases the data wherever a sealed copy lies, an append-only event log included. A sealed
 * value is a string ({@code sealed/<owner>/<generation>/<ciphertext>}), so any JSON that
 * holds one can be opened field by field without knowing its shape.
 */
public interface Vault {

    /** What a reader sees where erased data was. */
    String ERASED = "[erased]";
    /** What a reader sees where the key is missing though nobody erased it: a lost key store. */
    String UNAVAILABLE = "[unavailable]";

    String PREFIX = "sealed/";

    /** The text sealed under the owner's key (made on first use); null stays null. */
    String seal(String owner, String text);

    /** The text a sealed value holds, {@link #ERASED} once its key is destroyed; any other value as it is. */
    String open(String value);

    /** Destroys the owner's key: what was sealed under it opens as {@link #ERASED}. Again changes nothing. */
    void destroy(String owner);

    /** Forgets what this process remembers of an owner's key, after another process destroyed it. */
    void forget(String owner);

    static boolean sealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }
}
