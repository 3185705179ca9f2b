package io.inkstream.command.post;

import io.inkstream.api.PostId;
import java.text.Normalizer;
import java.util.Locale;

/** The set of slugs in use: each post gets one, unique across all posts, for good. */
public interface Slugs {

    int MAX = 80;

    /**
     * Claims {@code base}, or the first free {@code base-2}, {@code base-3}, … for the post,
     * and answers the slug claimed. Claiming again for the same post answers the same slug.
     */
    String claim(String base, PostId postId);

    /** Lowercase ASCII words joined by '-', from a title. */
    static String derive(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "post" : slug;
    }
}
