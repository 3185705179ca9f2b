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

    /**
     * The title's words, lowercase, joined by '-': Latin letters lose their accents (as in
     * "creme-brulee"), every other script keeps its letters, as WordPress does, so a title with
     * no Latin letters still reads in its URL (where it is percent-encoded). At most {@link #MAX}
     * code points; "post" for a title with no letter or digit at all.
     */
    static String derive(String title) {
        String plain = Normalizer.normalize(withoutLatinAccents(title), Normalizer.Form.NFC);
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M}]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.codePointCount(0, slug.length()) > MAX) {
            slug = slug.substring(0, slug.offsetByCodePoints(0, MAX)).replaceAll("-+$", "");
        }
        return slug.isEmpty() || slug.codePoints().noneMatch(Character::isLetterOrDigit) ? "post" : slug;
    }

    /** Drops the accents of Latin letters only: in other scripts a mark can be part of the letter. */
    private static String withoutLatinAccents(String text) {
        String split = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder kept = new StringBuilder(split.length());
        boolean afterLatin = false;
        for (int i = 0; i < split.length(); ) {
            int c = split.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (mark && afterLatin) {
                continue;
            }
            if (!mark) {
                afterLatin = Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
            }
            kept.appendCodePoint(c);
        }
        return kept.toString();
    }
}
